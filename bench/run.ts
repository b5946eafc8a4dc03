/**
 * `npm run bench -- NAME`: runs bench/NAME.ts, whose last line is
 * `NAME: …, ratio R` (ours over the peer or goal the issue names, measured in the same run).
 */
import { existsSync, readdirSync } from 'node:fs';

const name = process.argv[2];
const available = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));
if (name === undefined || !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const bench = (await import(new URL(`./${name}.ts`, import.meta.url).href)) as { main(args: string[]): Promise<void> };
await bench.main(process.argv.slice(3));
