/**
 * The objects `decodeRecord` makes for every history item and every history and console record,
 * made by constructors rather than object literals.
 *
 * Why: V8 tracks each object literal by its allocation site, and when a scavenge finds most of a
 * site's objects still alive (as it does while a batch of records is being decoded: all of them
 * are kept for the caller), it may start allocating that site's objects in the old generation.
 * Dead records there are freed only by full collections: reading a `.wandb` file then took some
 * three times as long, in some runs and not others. Objects made by `new` are not tracked so.
 *
 * The constructors' prototype is `Object.prototype`: what they make is a plain object to every
 * reader (the same keys in the same order, `assert.deepStrictEqual` equal to the literal).
 */

import type { WandbItem, WandbRecord } from './record-types.js';

type History = Extract<WandbRecord, { type: 'history' }>;
type Output = Extract<WandbRecord, { type: 'output' }>;

function plain<A extends unknown[], T>(f: (this: T, ...args: A) => void): new (...args: A) => T {
  (f as unknown as { prototype: object }).prototype = Object.prototype;
  return f as unknown as new (...args: A) => T;
}

export const Item = plain(function (this: WandbItem, path: readonly string[], valueJson: string) {
  this.path = path;
  this.valueJson = valueJson;
});

export const HistoryRecord = plain(function (this: History, items: WandbItem[], step: number | undefined) {
  this.type = 'history';
  this.items = items;
  this.step = step;
});

/** A history record with its `num`, the last key (as `decodeRecord` adds it to the other kinds). */
export const NumberedHistoryRecord = plain(function (
  this: History,
  items: WandbItem[],
  step: number | undefined,
  num: number,
) {
  this.type = 'history';
  this.items = items;
  this.step = step;
  this.num = num;
});

export const OutputRecord = plain(function (
  this: Output,
  stream: 'stdout' | 'stderr',
  time: number | undefined,
  line: string,
  raw: boolean,
) {
  this.type = 'output';
  this.stream = stream;
  this.time = time;
  this.line = line;
  this.raw = raw;
});

export const NumberedOutputRecord = plain(function (
  this: Output,
  stream: 'stdout' | 'stderr',
  time: number | undefined,
  line: string,
  raw: boolean,
  num: number,
) {
  this.type = 'output';
  this.stream = stream;
  this.time = time;
  this.line = line;
  this.raw = raw;
  this.num = num;
});
