/**
 * The "code version" part of the training cache key: a hash of the source of everything that decides what the
 * model learns (the preprocessing pipeline, the model code, the corpus split and the training driver). Computed
 * from the files next to this module at run time, so an edit invalidates cached models without anyone having to
 * remember to bump a number. Works the same on the TypeScript sources (tests) and on the built JavaScript.
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the cache file format changes. */
const CACHE_FORMAT = 1;
const HASHED_DIRECTORIES = ['pipeline', 'model'];
const HASHED_FILES = ['corpus', 'training', 'hardening', 'rng', 'hash', 'corpus-features'];

let memo: string | undefined;

export function trainingCodeVersion(): string {
  if (memo) return memo;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const files: string[] = [];
  for (const dir of HASHED_DIRECTORIES) {
    for (const name of readdirSync(join(here, dir)).sort()) {
      if (isSource(name)) files.push(join(here, dir, name));
    }
  }
  for (const name of readdirSync(here).sort()) {
    if (isSource(name) && HASHED_FILES.includes(name.replace(/\.(ts|js)$/, ''))) files.push(join(here, name));
  }
  const h = createHash('sha256').update(`format${CACHE_FORMAT}`);
  for (const f of files) h.update(f.slice(here.length)).update(readFileSync(f));
  memo = h.digest('hex').slice(0, 12);
  return memo;
}

function isSource(name: string): boolean {
  return /\.(ts|js)$/.test(name) && !/\.(test|d)\.(ts|js)$/.test(name);
}
