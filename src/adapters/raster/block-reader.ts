/**
 * Streams a raster as chunks (a tile, or several strips stacked) decoded on worker threads.
 * The caller pulls chunks in order; at most `window` chunks are requested or held ahead of
 * it, so memory stays bounded by window × chunk size whatever the raster's size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TileView } from '../../core/zonal/index.js';
import type { RasterHeader } from './tiff-header.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './decode-worker.js';

export interface Chunk {
  readonly rowFrom: number;
  readonly colFrom: number;
  /** Rows and columns inside the raster. */
  readonly rows: number;
  readonly cols: number;
  readonly blocks: readonly number[];
  /** Rows stored per block. */
  readonly blockRows: readonly number[];
}

/** Chunks of one band of rows: tiles left to right, or one stack of strips. */
export function bandChunks(header: RasterHeader, band: number, stripsPerChunk: number): Chunk[] {
  if (header.tiled) {
    const rowFrom = band * header.blockHeight;
    const rows = Math.min(header.blockHeight, header.height - rowFrom);
    return Array.from({ length: header.blocksAcross }, (_, bx) => {
      const colFrom = bx * header.blockWidth;
      return { rowFrom, colFrom, rows, cols: Math.min(header.blockWidth, header.width - colFrom), blocks: [band * header.blocksAcross + bx], blockRows: [header.blockHeight] };
    });
  }
  const firstStrip = band * stripsPerChunk;
  const lastStrip = Math.min(header.blocksDown, firstStrip + stripsPerChunk);
  const blocks: number[] = [];
  const blockRows: number[] = [];
  for (let s = firstStrip; s < lastStrip; s++) {
    blocks.push(s);
    blockRows.push(Math.min(header.blockHeight, header.height - s * header.blockHeight));
  }
  const rowFrom = firstStrip * header.blockHeight;
  return [{ rowFrom, colFrom: 0, rows: blockRows.reduce((a, b) => a + b, 0), cols: header.width, blocks, blockRows }];
}

/** Strips per chunk so that a chunk of strips decodes to about `targetBytes`. */
export function stripsPerChunk(header: RasterHeader, targetBytes = 1 << 20): number {
  if (header.tiled) return 1;
  const stripBytes = header.width * header.blockHeight * header.format.bytesPerSample;
  return Math.max(1, Math.floor(targetBytes / stripBytes));
}

/**
 * A worker running decode-worker: the compiled .js next to this file, or, from source, the
 * .ts through tsx — registered inside the worker, because Node 20 does not apply `--import`
 * hooks to a worker's entry module.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./decode-worker.js', import.meta.url));
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./decode-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/** A failure of the worker itself (a bug), as opposed to a block that does not decode. */
export class WorkerFailure extends Error {}

/** One worker per core but one: the main thread is busy too, summing what they decode. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

interface Pending {
  resolve(data: Uint8Array | Uint16Array): void;
  reject(error: Error): void;
}

export class BlockReader {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[];
  private nextId = 0;

  constructor(header: RasterHeader, workerCount = defaultWorkerCount()) {
    const init: WorkerInit = { file: header.file, format: header.format, offsets: header.offsets, byteCounts: header.byteCounts };
    this.workers = Array.from({ length: workerCount }, () => {
      const worker = startWorker();
      worker.postMessage({ init });
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(new WorkerFailure(error.message)));
      return worker;
    });
    this.load = this.workers.map(() => 0);
  }

  /** Decodes the chunk's blocks on the least busy worker. */
  read(chunk: Chunk): Promise<Uint8Array | Uint16Array> {
    const id = this.nextId++;
    let target = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[target]!) target = i;
    this.load[target]!++;
    const request: WorkerRequest = { id, blocks: chunk.blocks, rows: chunk.blockRows };
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (data) => {
          this.load[target]!--;
          resolve(data);
        },
        reject,
      });
      this.workers[target]!.postMessage({ request });
    });
  }

  private settle(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.pending.delete(reply.id);
    if (!reply.ok) waiting.reject(new Error(reply.message));
    else waiting.resolve(reply.bytesPerSample === 1 ? new Uint8Array(reply.buffer) : new Uint16Array(reply.buffer));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A chunk and its samples as the core's tile view. */
export function tileView(chunk: Chunk, header: RasterHeader, data: Uint8Array | Uint16Array): TileView {
  return { rowFrom: chunk.rowFrom, colFrom: chunk.colFrom, rows: chunk.rows, cols: chunk.cols, stride: header.blockWidth, data };
}
