/** Where the end-to-end tests find the project and the real public run data. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The real public runs: `../shared/fixtures/real` beside the repository (see its README), or the
 * folder named by RUNPAGE_REAL_FIXTURES (a git worktree has no `../shared` beside it).
 */
export const REAL_FIXTURES = resolve(process.env.RUNPAGE_REAL_FIXTURES ?? resolve(ROOT, '../shared/fixtures/real'));

/** Undefined when the real runs are there; else why the tests over them skip. */
export const REAL_FIXTURES_MISSING = existsSync(REAL_FIXTURES)
  ? undefined
  : `the real public runs are not at ${REAL_FIXTURES} (../shared/fixtures/real beside the repository, or RUNPAGE_REAL_FIXTURES)`;
