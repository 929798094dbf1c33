/** The W&B reader: run folders, the `.wandb` datastore, and `files/`. No DOM, no Node APIs. */
export {
  createDatastoreReader,
  readDatastore,
  type DatastoreBatch,
  type DatastoreReader,
  type ByteInput,
} from './datastore.js';
export { createChunkReader, type ChunkBatch, type ChunkReader, type ChunkReaderOptions } from './framing.js';
export { decodeRecord, type WandbRecord, type WandbRecordType, type WandbItem } from './records.js';
export {
  WandbRunBuilder,
  type DatastoreFacts,
  type MetricColumns,
  type MediaUrl,
  type WandbLogLine,
} from './run-builder.js';
export {
  readWandbRun,
  runIdFromFolderName,
  type ReadWandbRunOptions,
  type WandbRun,
  type WandbTail,
} from './reader.js';
export { peekWandbRun, type PeekWandbRunOptions } from './peek.js';
export { buildInfo, type InfoInput } from './run-info.js';
export { findWandbRuns, type FindRunsOptions, type WandbRunLocation } from './discover.js';
export { deriveRunState, type StateInput } from './state.js';
export { parseConfigYaml, parseGraphJson, parseJsonRow, parseMetadataJson, parseSummaryJson } from './files.js';
export type { FolderEntry, FolderEntryKind, RunFolder } from '../common/run-folder.js';
