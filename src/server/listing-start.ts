/**
 * A run's start time read cheaply, to put a runs list in its default order (newest first) before
 * its runs are listed: a W&B run's comes from the run record at the head of its datastore (the
 * first record or two of its first block: one open, a read of 4 KiB (rarely two), one close), an
 * MLflow run's from its meta.yaml, read when it was found. `undefined` means "not known this
 * way": the caller lists the run to learn it.
 *
 * A full listing takes the start time from the same record (later run records repeat it), so
 * the order is the same; registry.ts checks that for every run on the page it answers.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { createDatastoreReader } from '../formats/wandb/datastore.js';
import { BLOCK_SIZE } from '../formats/wandb/framing.js';
import { decodeRecord } from '../formats/wandb/records.js';
import { runIdFromFolderName } from '../formats/wandb/reader.js';
import type { RunLocation } from './discover.js';

/** `{ startedAt }` when known cheaply (a number, or `undefined` for none), else `undefined`. */
export type StartKey = { startedAt: number | undefined } | undefined;

/**
 * Opening a link is refused (the datastore is never read through one: it could lead out of the
 * run folder) and opening a FIFO does not wait for a writer. Without O_NOFOLLOW (Windows) the
 * run is listed instead.
 */
const { O_NOFOLLOW, O_NONBLOCK, O_RDONLY } = fs.constants;
const OPEN_FLAGS = O_NOFOLLOW === undefined ? undefined : O_RDONLY | O_NOFOLLOW | (O_NONBLOCK ?? 0);

export async function startKey(loc: RunLocation): Promise<StartKey> {
  if (loc.format === 'mlflow') return loc.startedAt === undefined ? undefined : { startedAt: loc.startedAt };
  if (loc.format !== 'wandb') return undefined;
  const dir = nodePath.join(loc.root, loc.path);
  const folderId = runIdFromFolderName(nodePath.basename(dir));
  if (folderId === undefined || OPEN_FLAGS === undefined) return undefined;
  const startedAt = await wandbRecordStart(nodePath.join(dir, `run-${folderId}.wandb`)).catch(() => undefined);
  return startedAt === undefined ? undefined : { startedAt };
}

/**
 * `startTime` of the first run record in the first block of a datastore, if it has one. The run
 * record is one of the first few records: the first 4 KiB are read, then the rest of the block
 * when it is not complete in them. A folder or FIFO in its place fails to read (no record).
 */
async function wandbRecordStart(path: string): Promise<number | undefined> {
  const fd = await fsOpen(path, OPEN_FLAGS!);
  try {
    const reader = createDatastoreReader();
    let found: { startTime?: number } | undefined;
    const take = (payload: Uint8Array) => {
      if (found) return;
      const r = decodeRecord(payload);
      if (r.type === 'run') found = r;
    };
    let offset = 0;
    for (const want of [FIRST_READ, BLOCK_SIZE - FIRST_READ]) {
      const buf = new Uint8Array(want);
      const n = await fsRead(fd, buf, offset);
      reader.pushPayloads(buf.subarray(0, n), take);
      offset += n;
      if (found || n < want) break;
    }
    return found?.startTime;
  } finally {
    await fsClose(fd);
  }
}

const FIRST_READ = 4096;

// The callback API: a FileHandle costs more than the three calls it wraps, 1,000 times over.
const fsOpen = (path: string, flags: number) =>
  new Promise<number>((resolve, reject) => fs.open(path, flags, (e, fd) => (e ? reject(e) : resolve(fd))));
const fsRead = (fd: number, buf: Uint8Array, position: number) =>
  new Promise<number>((resolve, reject) =>
    fs.read(fd, buf, 0, buf.length, position, (e, n) => (e ? reject(e) : resolve(n))),
  );
const fsClose = (fd: number) => new Promise<void>((resolve) => fs.close(fd, () => resolve()));
