#!/usr/bin/env -S node --max-semi-space-size=64
// The `neutral` command. Runs the compiled CLI (built by `npm ci` through `prepare`);
// falls back to the TypeScript sources through tsx when dist/ is absent or NEUTRAL_FROM_SOURCE=1.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/adapters/cli/main.js', import.meta.url);
let cli;
if (existsSync(dist) && process.env.NEUTRAL_FROM_SOURCE !== '1') {
  cli = await import(dist.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/adapters/cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
