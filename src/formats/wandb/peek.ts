/**
 * A quick look at a W&B run for run listings: id, name, project, state and start time, without
 * reading a large datastore whole. The run record sits at the start of the file and the exit
 * record near its end; 32 KiB blocks are self-contained, so the head and the last few blocks are
 * read and the middle (history, console) is skipped.
 */

import type { RunRef } from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';
import { createDatastoreReader } from './datastore.js';
import { parseMetadataJson } from './files.js';
import { BLOCK_SIZE } from './framing.js';
import { runIdFromFolderName } from './reader.js';
import { WandbRunBuilder } from './run-builder.js';
import type { RunFolder } from './run-folder.js';
import { buildInfo } from './run-info.js';

export interface PeekWandbRunOptions {
  folderName?: string;
  /** Epoch ms; default `Date.now()`. */
  now?: number;
  heartbeatThresholdMs?: number;
  /** Bytes read at each end of a large datastore (default 256 KiB). Smaller files are read whole. */
  peekBytes?: number;
}

/** Never rejects: a run that cannot be read comes back with `error` set. */
export async function peekWandbRun(folder: RunFolder, options: PeekWandbRunOptions = {}): Promise<RunRef> {
  const folderId = options.folderName ? runIdFromFolderName(options.folderName) : undefined;
  try {
    const root = await folder.list('');
    const stores = root.filter((e) => e.kind === 'file' && e.name.endsWith('.wandb'));
    const store = stores.find((e) => folderId && e.name === `run-${folderId}.wandb`) ?? stores[0];
    const builder = new WandbRunBuilder();
    if (store) {
      const peek = Math.max(BLOCK_SIZE, options.peekBytes ?? 256 * 1024);
      const size = store.size ?? Infinity;
      const head = createDatastoreReader();
      if (!folder.stream || size <= 2 * peek) {
        const bytes = await folder.read(store.name);
        builder.add(head.push(bytes).records);
      } else {
        for await (const chunk of folder.stream(store.name, 0)) {
          builder.add(head.push(chunk).records);
          if (head.offset >= peek) break;
        }
        const tailStart = Math.floor((size - peek) / BLOCK_SIZE) * BLOCK_SIZE;
        const tail = createDatastoreReader({ start: tailStart });
        for await (const chunk of folder.stream(store.name, tailStart)) builder.add(tail.push(chunk).records);
      }
    }
    const files = root.some((e) => e.name === 'files' && e.kind === 'dir') ? await folder.list('files') : [];
    const meta = files.some((e) => e.name === 'wandb-metadata.json' && e.kind === 'file')
      ? parseMetadataJson(new TextDecoder().decode(await folder.read('files/wandb-metadata.json'))).value
      : {};
    const info = buildInfo({
      facts: builder.facts,
      folderId,
      meta,
      now: options.now ?? Date.now(),
      thresholdMs: options.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS,
    });
    const ref: RunRef = { id: info.id, state: info.state, format: 'wandb' };
    if (info.name) ref.name = info.name;
    if (info.project) ref.project = info.project;
    if (info.startedAt !== undefined) ref.startedAt = info.startedAt;
    return ref;
  } catch (e) {
    return {
      id: folderId ?? options.folderName ?? 'unknown',
      format: 'wandb',
      error: `could not read the run: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
