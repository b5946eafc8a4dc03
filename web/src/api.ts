/** Talking to /api/v1: JSON reads, and runs posted with upload progress (XMLHttpRequest reports it, fetch does not). */
import type { CompensationResult, RegionResult, YearTotals } from '../../src/core/accounting/results.js';
import type { EffectiveParams } from '../../src/core/accounting/types.js';

export interface Warning {
  code: string;
  message: string;
  region_code?: string;
  year?: number;
}

/** contracts.md §4. */
export interface AccountingDocument {
  preset: string;
  basis: 'tCO2e' | 'tC' | 'as-printed';
  params: EffectiveParams;
  inputs: { files: string[]; conversions: { column: string; from: string; to: string; factor: number }[] };
  regionSet: string[];
  warnings: Warning[];
  regions: RegionResult[];
  totals: YearTotals[];
  compensation: CompensationResult;
}

export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly problems: Problem[]) {
    super(problems[0]?.message ?? `HTTP ${status}`);
  }
}

async function failure(response: { status: number; text: string }): Promise<ApiFailure> {
  try {
    const body = JSON.parse(response.text) as { error: Problem & { problems?: Problem[] } };
    return new ApiFailure(response.status, body.error.problems ?? [body.error]);
  } catch {
    return new ApiFailure(response.status, [{ code: 'internal', message: `HTTP ${response.status}` }]);
  }
}

/** What a request that got no answer (the server down, the network gone) fails with, as `post` does. */
const noAnswer = (): ApiFailure => new ApiFailure(0, [{ code: 'network', message: 'the server did not answer' }]);

/** fetch, failing with an ApiFailure rather than a TypeError, so that every page shows it as a problem. */
async function request(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(`/api/v1${path}`, init);
  } catch {
    throw noAnswer();
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await request(path);
  if (!response.ok) throw await failure({ status: response.status, text: await response.text() });
  return (await response.json()) as T;
}

/** The CSRF token of the session: the `neutral_csrf` cookie, sent back in a header on every mutating request. */
export function csrfToken(): string {
  return /(?:^|;\s*)neutral_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
}

/**
 * A JSON request that changes something (login, logout, commands), with the CSRF header and an
 * Idempotency-Key: a fresh one, or one that names the action (a cancel of one order), so that a
 * second click is a retry.
 */
export async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, idempotencyKey: string = crypto.randomUUID()): Promise<T> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken(), 'Idempotency-Key': idempotencyKey },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw await failure({ status: response.status, text: await response.text() });
  return (await response.json()) as T;
}

export type Progress = { phase: 'upload'; fraction: number } | { phase: 'compute' };

/** POSTs a form or a JSON body; reports upload progress, then the wait for the computation. */
export function post(path: string, body: FormData | object, onProgress: (p: Progress) => void, as: 'json' | 'blob' = 'json'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.responseType = as === 'blob' ? 'blob' : 'text';
    xhr.setRequestHeader('Idempotency-Key', crypto.randomUUID());
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    if (!(body instanceof FormData)) xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.upload.onprogress = (event) => onProgress({ phase: 'upload', fraction: event.lengthComputable ? event.loaded / event.total : 0 });
    xhr.upload.onload = () => onProgress({ phase: 'compute' });
    xhr.onerror = () => reject(noAnswer());
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(as === 'blob' ? xhr.response : JSON.parse(xhr.responseText));
        return;
      }
      const text = as === 'blob' ? await (xhr.response as Blob).text() : xhr.responseText;
      reject(await failure({ status: xhr.status, text }));
    };
    onProgress({ phase: 'upload', fraction: 0 });
    xhr.send(body instanceof FormData ? body : JSON.stringify(body));
  });
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
