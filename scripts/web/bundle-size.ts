/**
 * First-load size of the built dashboard: the JS (and CSS) that index.html loads before any
 * lazy page, gzip level 9, as a browser would download it from a compressing server.
 *   node --import tsx scripts/web/bundle-size.ts [dist/web]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  readonly firstLoadJs: { file: string; bytes: number; gzip: number }[];
  readonly firstLoadJsGzip: number;
  readonly cssGzip: number;
  readonly lazyJsGzip: number;
}

const gzip = (bytes: Buffer): number => gzipSync(bytes, { level: 9 }).length;

export function bundleSize(dir: string): BundleSize {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="\/?([^"]+)"/g)].map((m) => m[1] as string);
  const first = refs.filter((ref) => ref.endsWith('.js'));
  const css = refs.filter((ref) => ref.endsWith('.css'));
  const firstLoadJs = first.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzip: gzip(bytes) };
  });
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const lazy = all.filter((f) => !first.includes(f));
  return {
    firstLoadJs,
    firstLoadJsGzip: firstLoadJs.reduce((sum, f) => sum + f.gzip, 0),
    cssGzip: css.reduce((sum, f) => sum + gzip(readFileSync(join(dir, f))), 0),
    lazyJsGzip: lazy.reduce((sum, f) => sum + gzip(readFileSync(join(dir, f))), 0),
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../dist/web', import.meta.url));
  const size = bundleSize(dir);
  for (const f of size.firstLoadJs) console.log(`${f.file}: ${(f.bytes / 1024).toFixed(1)} KB, gzip ${(f.gzip / 1024).toFixed(1)} KB`);
  console.log(`dashboard: first-load JS ${(size.firstLoadJsGzip / 1024).toFixed(1)} KB gzip (goal ≤ 400 KB), CSS ${(size.cssGzip / 1024).toFixed(1)} KB gzip, lazy pages ${(size.lazyJsGzip / 1024).toFixed(1)} KB gzip`);
}
