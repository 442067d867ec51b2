import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../output.js';
import type { VectorFile } from './cases.js';

/** The vectors shipped in this package: `vectors/` beside `dist/`. */
export const PACKAGED_VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));

/** Every vector file of a directory (not the schema), sorted by name. */
export function loadVectorFiles(dir: string): [string, VectorFile][] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'schema.json');
  } catch (e) {
    throw usageError(`cannot read the vectors directory ${dir}: ${(e as Error).message}`);
  }
  if (names.length === 0) throw usageError(`no vector files (*.json) in ${dir}`);
  return names.sort().map((name) => {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as VectorFile;
    if (!Array.isArray(data?.testGroups)) throw usageError(`${name} is not a vector file: it has no testGroups`);
    return [name, data];
  });
}
