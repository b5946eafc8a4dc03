/**
 * Builds the demo data and the seed-001 fixtures from data/demo/inputs (accounting.md §9).
 * Run: node --import tsx scripts/demo-data/estimate.ts
 * The build is pure and deterministic; only `main` touches the file system.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { replicationCsv, zoningCsv } from './fixtures.js';
import { type DemoInputs, loadInputs } from './inputs.js';
import { sourcesCsv, tableCsv } from './provenance.js';
import { buildHenan, buildJiangxi } from './tables.js';

export { parseInputs, loadInputs, seedValue, INPUT_FILES, type DemoInputs } from './inputs.js';
export { energyFromTotal, energyShares, latestCeads, jiangxiProvinceEnergy, henanProvinceEnergy, CONSISTENT_TCO2_PER_TCE } from './energy.js';
export { absorptionT, allocateLand, areaShares, forestWeights, henanClassTotals, jiangxiClassTotals, seedLambda, LAND_CLASSES } from './land.js';
export { buildHenan, buildJiangxi, populations } from './tables.js';
export { sourcesCsv, tableCsv, type OutRow } from './provenance.js';
export { replicationCsv, zoningCsv, SEED001_ZONING_2020 } from './fixtures.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INPUT_DIR = join(REPO_ROOT, 'data', 'demo', 'inputs');

/** Every output file, by path relative to the repository root. */
export function buildOutputs(inputs: DemoInputs): Map<string, string> {
  const jiangxi = buildJiangxi(inputs);
  const henan = buildHenan(inputs);
  return new Map([
    ['data/demo/jiangxi.csv', tableCsv(jiangxi)],
    ['data/demo/jiangxi.sources.csv', sourcesCsv(jiangxi)],
    ['data/demo/henan.csv', tableCsv(henan)],
    ['data/demo/henan.sources.csv', sourcesCsv(henan)],
    ['data/fixtures/seed001-replication.csv', replicationCsv(jiangxi)],
    ['data/fixtures/seed001-zoning-2020.csv', zoningCsv(inputs)],
  ]);
}

async function main(): Promise<void> {
  const outputs = buildOutputs(await loadInputs(INPUT_DIR));
  for (const [path, text] of outputs) {
    const target = join(REPO_ROOT, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((cause: unknown) => {
    process.stderr.write(`${cause instanceof Error ? cause.stack ?? cause.message : String(cause)}\n`);
    process.exit(1);
  });
}
