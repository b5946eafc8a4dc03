/**
 * The core is pure: no file under src/core/ (tests and their support aside) imports a Node
 * built-in, an adapter, or a package outside the short list of pure libraries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ALLOWED_PACKAGES = new Set(['zod']);
const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' || name === 'fixtures' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('core modules import only core modules and pure packages', () => {
  const offences: string[] = [];
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2] ?? '';
      const bad = specifier.startsWith('node:') || specifier.includes('/adapters/') || (!specifier.startsWith('.') && !ALLOWED_PACKAGES.has(specifier));
      if (bad) offences.push(`${file.slice(root.length)} imports ${specifier}`);
    }
  }
  assert.deepEqual(offences, []);
});
