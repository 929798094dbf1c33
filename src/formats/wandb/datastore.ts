/**
 * Reading a `.wandb` datastore as decoded records, incrementally or from a stream.
 *
 * Live use (a run still writing its file):
 * ```ts
 * const reader = createDatastoreReader();
 * // whenever the file has grown, read bytes [reader.offset, size) and:
 * const { records, warnings } = reader.push(newBytes);
 * // when the run is over (or to read a finished file to its end):
 * const tail = reader.finish();   // reports a record the file ends inside of
 * ```
 * `push` never throws: damaged chunks and undecodable records become warnings, and every intact
 * record before and after them is returned.
 */

import { ProtobufError } from '../common/protobuf.js';
import { type ChunkReaderOptions, type TakeRange, createChunkReader } from './framing.js';
import { decodeRecord, type WandbRecord } from './records.js';

export interface DatastoreBatch {
  records: WandbRecord[];
  warnings: string[];
}

export interface DatastoreReader {
  /** Feeds the next bytes of the file; returns the records they completed. */
  push(bytes: Uint8Array): DatastoreBatch;
  /**
   * Feeds the next bytes of the file and hands each record payload they completed to `take`
   * (valid only during the call), which decodes it: a `ProtobufError` it throws skips that
   * record with a warning, as `push` does. Returns the warnings.
   */
  pushPayloads(bytes: Uint8Array, take: (payload: Uint8Array) => void): string[];
  /** `pushPayloads` with each payload given as `buf[start, end)` (no view made per record). */
  pushRanges(bytes: Uint8Array, take: TakeRange): string[];
  /** Declares the end of the file; its warnings say whether the file ended cleanly. */
  finish(): DatastoreBatch;
  /** What `finish()` would say about the end of the bytes so far, without ending (see ChunkReader). */
  tailWarnings(): string[];
  /** Bytes fed so far: where the next read of a growing file continues. */
  readonly offset: number;
  /** Records decoded so far. */
  readonly recordCount: number;
}

/** `options.start`: begin at a block boundary other than 0 (see ChunkReaderOptions). */
export function createDatastoreReader(options: ChunkReaderOptions = {}): DatastoreReader {
  const chunks = createChunkReader(options);
  let recordCount = 0;
  let undecodable = 0;

  function pushRanges(bytes: Uint8Array, take: TakeRange): string[] {
    let warnings: string[] | undefined;
    const guarded: TakeRange = (buf, start, end) => {
      try {
        take(buf, start, end);
        recordCount++;
      } catch (e) {
        undecodable++;
        if (undecodable <= 20) {
          const why = e instanceof ProtobufError ? e.message : String(e);
          (warnings ??= []).push(`skipped a record that is not a valid protobuf Record (${end - start} bytes): ${why}`);
        }
      }
    };
    try {
      const framing = chunks.pushRanges(bytes, guarded);
      return warnings ? [...framing, ...warnings] : framing;
    } catch (e) {
      return [`unexpected error while reading the datastore: ${String(e)}`];
    }
  }

  function pushPayloads(bytes: Uint8Array, take: (payload: Uint8Array) => void): string[] {
    return pushRanges(bytes, (buf, start, end) => take(buf.subarray(start, end)));
  }

  return {
    push(bytes) {
      const records: WandbRecord[] = [];
      const warnings = pushRanges(bytes, (buf, start, end) => records.push(decodeRecord(buf, start, end)));
      return { records, warnings };
    },
    pushPayloads,
    pushRanges,
    finish() {
      const batch = chunks.finish();
      if (undecodable > 20) batch.warnings.push(`…and ${undecodable - 20} more records that could not be decoded`);
      return { records: [], warnings: batch.warnings };
    },
    tailWarnings: () => chunks.tailWarnings(),
    get offset() {
      return chunks.offset;
    },
    get recordCount() {
      return recordCount;
    },
  };
}

/** Anything the datastore can be read from: one buffer, or chunks as they are read. */
export type ByteInput = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Streams the records of a whole datastore. Warnings go to `onWarning` as they are found; the
 * generator ends normally even on damaged or empty input. A failing input stream (an I/O error)
 * ends the records with a warning too.
 */
export async function* readDatastore(
  input: ByteInput,
  onWarning: (w: string) => void = () => {},
): AsyncGenerator<WandbRecord> {
  const reader = createDatastoreReader();
  const emit = (batch: DatastoreBatch) => {
    for (const w of batch.warnings) onWarning(w);
    return batch.records;
  };
  if (input instanceof Uint8Array) {
    yield* emit(reader.push(input));
  } else {
    try {
      for await (const chunk of input as AsyncIterable<Uint8Array>) yield* emit(reader.push(chunk));
    } catch (e) {
      onWarning(
        `reading the datastore failed after ${reader.offset} bytes: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  yield* emit(reader.finish());
}
