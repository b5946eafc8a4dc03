/**
 * Worker thread: reads compressed blocks straight from the file (its own descriptor) and
 * decodes them, so the main thread only sums. Blocks of one request are stacked row-wise.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { type BlockFormat, decodeBlock } from './decode.js';

export interface WorkerInit {
  readonly file: string;
  readonly format: BlockFormat;
  readonly offsets: readonly number[];
  readonly byteCounts: readonly number[];
}

export interface WorkerRequest {
  readonly id: number;
  readonly blocks: readonly number[];
  /** Rows stored in each block. */
  readonly rows: readonly number[];
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly buffer: ArrayBuffer; readonly bytesPerSample: 1 | 2 }
  | { readonly id: number; readonly ok: false; readonly message: string };

let init: WorkerInit | null = null;
let fd = -1;
let scratch = new Uint8Array(0);

/** The compressed bytes of a block (a view into a reused buffer), or a message. */
function readBlock(block: number): Uint8Array | string {
  const length = init!.byteCounts[block]!;
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  const read = readSync(fd, scratch, 0, length, init!.offsets[block]!);
  if (read < length) return `block ${block}: the file ends after ${read} of ${length} bytes`;
  return scratch.subarray(0, length);
}

function decode(request: WorkerRequest): WorkerReply {
  if (init === null) return { id: request.id, ok: false, message: 'worker used before init' };
  const { format } = init;
  if (request.blocks.length === 1 && init.byteCounts[request.blocks[0]!]! > 0) {
    // One block (a tile): hand over the decoded array itself, no stacking copy.
    const block = request.blocks[0]!;
    const compressed = readBlock(block);
    if (typeof compressed === 'string') return { id: request.id, ok: false, message: compressed };
    const data = decodeBlock(compressed, format, request.rows[0]!);
    const buffer = data.byteOffset === 0 && data.buffer.byteLength === data.byteLength ? (data.buffer as ArrayBuffer) : data.slice().buffer as ArrayBuffer;
    return { id: request.id, ok: true, buffer, bytesPerSample: format.bytesPerSample };
  }
  const totalRows = request.rows.reduce((a, b) => a + b, 0);
  const out = format.bytesPerSample === 1 ? new Uint8Array(format.blockWidth * totalRows) : new Uint16Array(format.blockWidth * totalRows);
  let at = 0;
  for (const [i, block] of request.blocks.entries()) {
    const rows = request.rows[i]!;
    if (init.byteCounts[block]! > 0) {
      const compressed = readBlock(block);
      if (typeof compressed === 'string') return { id: request.id, ok: false, message: compressed };
      out.set(decodeBlock(compressed, format, rows), at);
    }
    at += rows * format.blockWidth;
  }
  return { id: request.id, ok: true, buffer: out.buffer as ArrayBuffer, bytesPerSample: format.bytesPerSample };
}

parentPort?.on('message', (message: { init?: WorkerInit; request?: WorkerRequest; close?: true }) => {
  if (message.init !== undefined) {
    init = message.init;
    fd = openSync(init.file, 'r');
    return;
  }
  if (message.close !== undefined) {
    if (fd >= 0) closeSync(fd);
    parentPort?.close();
    return;
  }
  if (message.request === undefined) return;
  let reply: WorkerReply;
  try {
    reply = decode(message.request);
  } catch (cause) {
    reply = { id: message.request.id, ok: false, message: (cause as Error).message };
  }
  parentPort?.postMessage(reply, reply.ok ? [reply.buffer] : []);
});
