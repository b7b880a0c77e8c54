// Paths shared by the benchmark scripts. Everything is resolved from the project root (the
// folder above bench/), never from the current directory, so the scripts run from anywhere.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');

/** A path under the project root. */
export const fromRoot = (...parts) => resolve(ROOT, ...parts);

/** A path under ../shared (next to the project). */
export const fromShared = (...parts) => resolve(SHARED, ...parts);

/** A path as it reads from the project root, for messages; absolute when it lies elsewhere (a temp folder). */
export function display(path) {
  const rel = relative(ROOT, path) || '.';
  return rel.startsWith(`..${sep}..`) ? path : rel;
}

/** The paths among `paths` that do not exist. */
export const missing = (...paths) => paths.filter((path) => !existsSync(path));
