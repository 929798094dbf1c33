/**
 * Where the readers find the repairing paths (later/repairing.ts) once answer.ts has loaded them,
 * with the first answer that needs one. The repairing module imports helpers of the readers, so
 * the readers reach it through this module, which loads nothing.
 */
import type { FileEntry } from '../source.js';
import type { Repairs } from './repairs.js';

type Container = Record<string, unknown> | unknown[];

/** What later/repairing.ts gives the readers. */
export interface RepairPaths {
  repairJson(root: Container, r: Repairs, what: string): Container;
  convertColumn(v: unknown, r: Repairs, what: string): Float64Array | undefined;
  repairFileEntry(v: unknown, r: Repairs, dir: string, what: string): FileEntry | undefined;
}

/** The repairing paths once loaded (set by answer.ts). */
export const repairsLoaded: { now?: RepairPaths } = {};

/** Thrown by a reader that needs the repairing paths before they are in: the read is tried again once they are. */
export class NeedsRepairing extends Error {}

/** The repairing paths; throws NeedsRepairing while they are not in. */
export function repairPaths(): RepairPaths {
  if (!repairsLoaded.now) throw new NeedsRepairing();
  return repairsLoaded.now;
}
