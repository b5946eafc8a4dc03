/**
 * Serials `<registry>-<region code>-<project id>-<vintage>-<start>-<end>` (market.md §4) and
 * the trading instrument of a block, `SINK/<type>/<origin region>/<vintage>` (§6).
 */
export function formatSerial(registryCode: string, regionCode: string, projectId: string, vintage: number, start: number, end: number): string {
  return `${registryCode}-${regionCode}-${projectId}-${vintage}-${start}-${end}`;
}

export interface SerialRange {
  readonly registryCode: string;
  readonly regionCode: string;
  readonly projectId: string;
  readonly vintage: number;
  readonly start: number;
  readonly end: number;
}

const SERIAL = /^([A-Za-z0-9]+)-(\d{6})-([A-Za-z0-9]+)-(\d{4})-([1-9]\d*)-([1-9]\d*)$/;

/** Parses a serial range; a single unit may be written with start = end. */
export function parseSerial(text: string): SerialRange | null {
  const m = SERIAL.exec(text);
  if (m === null) return null;
  const start = Number(m[5]);
  const end = Number(m[6]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  return { registryCode: m[1]!, regionCode: m[2]!, projectId: m[3]!, vintage: Number(m[4]), start, end };
}

export function instrumentOf(type: string, regionCode: string, vintage: number): string {
  return `SINK/${type}/${regionCode}/${vintage}`;
}

/** Project type of the registry record that holds a jurisdiction's allowances (market.md §5). */
export const ALLOWANCE_TYPE = 'allowance';

/**
 * The trading instrument of a project's units: `CEA/<jurisdiction>/<vintage>` for allowances
 * (their record's subtype is the jurisdiction), `SINK/<type>/<origin region>/<vintage>` else.
 */
export function instrumentOfProject(project: { readonly type: string; readonly subtype: string | null; readonly regionCode: string }, vintage: number): string {
  return project.type === ALLOWANCE_TYPE ? `CEA/${project.subtype!}/${vintage}` : instrumentOf(project.type, project.regionCode, vintage);
}
