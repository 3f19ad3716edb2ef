import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file that holds package.json. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

/**
 * The shared reference folder (`../shared/reference` beside the repo, or BRAMBLE_SHARED/reference).
 * Undefined when it is absent: conformance tests skip with `conformanceSkip`.
 */
export const referenceDir: string | undefined = (() => {
  const shared = process.env.BRAMBLE_SHARED ?? resolve(repoRoot, '..', 'shared');
  const dir = join(shared, 'reference');
  if (existsSync(dir)) return dir;
  if (process.env.BRAMBLE_REQUIRE_SHARED === '1') {
    throw new Error(`BRAMBLE_REQUIRE_SHARED=1 but ${dir} does not exist`);
  }
  return undefined;
})();

/**
 * The `skip` option for a conformance suite: false when the reference data is present,
 * else a message that node's test runner prints beside the skipped suite.
 */
export const conformanceSkip: string | false = referenceDir
  ? false
  : `conformance suite skipped: ../shared/reference not found (set BRAMBLE_SHARED to run it)`;

/** Path of a file under the reference folder; only call inside a suite that is not skipped. */
export function reference(...parts: string[]): string {
  if (!referenceDir) throw new Error('reference data is not available');
  return join(referenceDir, ...parts);
}
