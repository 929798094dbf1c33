/**
 * One history row as the run builder folds it: each item's key (nested keys joined with `.`) and
 * its parsed value, in reusable arrays (no object per item).
 *
 * `decodeHistoryPayload` reads a `Record` payload holding a `HistoryRecord` straight into a row:
 * keys come from a table of decoded bytes, and plain numbers are read from their bytes without a
 * string in between. It decodes the same fields as `decodeRecord` and throws `ProtobufError` on
 * the same malformed bytes, before the row is used.
 */

import type { JsonValue } from '../../data/source.js';
import { parseAsciiNumber } from '../common/ascii-number.js';
import { FieldCursor, WIRE_LEN, WIRE_VARINT, decodeUtf8, timestampMs } from '../common/protobuf.js';
import type { WandbItem } from './records.js';
import { plainStep, readRecordBody } from './record-envelope.js';
import { KeysByPlace, keyRole } from './keys-by-place.js';
import { parseValueJson } from './values.js';

export const VALUE_NUMBER = 0;
/** A JSON value that is not a number (`others[i]`). */
export const VALUE_OTHER = 1;
/** Text that is not JSON at all. */
export const VALUE_BAD = 2;

export class HistoryRow {
  count = 0;
  /** The record's own `step`, when it has one. */
  step: number | undefined;
  /** A stats row's time (epoch ms), when it has one. */
  time: number | undefined;
  keys: string[] = [];
  /** `keyRole` of each key: whether it is the row's `_step`, `_runtime` or `_timestamp`. */
  roles = new Uint8Array(16);
  kinds = new Uint8Array(16);
  numbers = new Float64Array(16);
  others: (JsonValue | undefined)[] = [];

  clear(): void {
    this.count = 0;
    this.step = undefined;
    this.time = undefined;
  }

  private slot(): number {
    const i = this.count++;
    if (i === this.kinds.length) {
      const kinds = new Uint8Array(2 * i);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const roles = new Uint8Array(2 * i);
      roles.set(this.roles);
      this.roles = roles;
      const numbers = new Float64Array(2 * i);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    return i;
  }

  addNumber(key: string, v: number, role = keyRole(key)): void {
    const i = this.slot();
    this.keys[i] = key;
    this.roles[i] = role;
    this.kinds[i] = VALUE_NUMBER;
    this.numbers[i] = v;
  }

  /** A value from its `value_json` text. */
  addText(key: string, text: string, role = keyRole(key)): void {
    const v = parseValueJson(text);
    if (typeof v === 'number') this.addNumber(key, v, role);
    else {
      const i = this.slot();
      this.keys[i] = key;
      this.roles[i] = role;
      this.kinds[i] = v === undefined ? VALUE_BAD : VALUE_OTHER;
      this.others[i] = v;
    }
  }

  /** A row of decoded items (records read one by one, `wandb-history.jsonl`). */
  setItems(items: readonly WandbItem[], step: number | undefined): this {
    this.clear();
    this.step = step;
    for (const item of items) {
      this.addText(item.path.length === 1 ? item.path[0]! : item.path.join('.'), item.valueJson);
    }
    return this;
  }
}

const HISTORY = new FieldCursor();
const HISTORY_KEYS = new KeysByPlace();
const STATS_KEYS = new KeysByPlace();

function keyAt(place: number, b: Uint8Array, start: number, end: number): string {
  return HISTORY_KEYS.get(place, b, start, end);
}

/**
 * When `payload[start, end)` is a Record whose body is a HistoryRecord, decodes it into `row` and
 * returns true; other records return false (decode them with `decodeRecord`).
 */
export function decodeHistoryPayload(payload: Uint8Array, row: HistoryRow, start = 0, end = payload.length): boolean {
  const body = readRecordBody(payload, start, end);
  if (body.no !== 2) return false;
  decodeHistoryBody(payload, row, body.start, body.end);
  return true;
}

/** Decodes the HistoryRecord `b[start, end)` (a Record's body) into `row`. */
export function decodeHistoryBody(b: Uint8Array, row: HistoryRow, start: number, end: number): void {
  row.clear();
  if (readPlainRow(b, row, start, end)) return;
  row.clear();
  let place = 0;
  const f = HISTORY.reset(b, start, end);
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_LEN) addItem(f.message(), row, place++);
    else if (f.no === 2 && f.wire === WIRE_LEN) readStep(f.message(), row);
  }
}

function readStep(g: FieldCursor, row: HistoryRow): void {
  let step = 0; // a present HistoryStep with num 0 omits the field
  while (g.next()) if (g.no === 1 && g.wire === WIRE_VARINT) step = g.asInt();
  row.step = step;
}

const STEP = new FieldCursor();

/**
 * The row as the SDK writes it, read without a cursor: items of exactly `key` then `value_json`
 * and a step, every length under 128 (one byte). Returns false, having read part of the row,
 * when anything else comes; the general decoder reads that row again from its start.
 */
function readPlainRow(b: Uint8Array, row: HistoryRow, start: number, end: number): boolean {
  let p = start;
  let place = 0;
  while (p < end) {
    const tag = b[p]!;
    if (p + 1 >= end) return false;
    const len = b[p + 1]!;
    const to = p + 2 + len;
    if (len >= 0x80 || to > end) return false;
    if (tag === 0x12) {
      const step = plainStep(b, p + 2, to);
      if (step >= 0) row.step = step;
      else readStep(STEP.reset(b, p + 2, to), row);
      p = to;
      continue;
    }
    if (tag !== 0x0a || !readPlainItem(b, p, to, row, place++, HISTORY_KEYS)) return false;
    p = to;
  }
  return true;
}

/**
 * Where the key of an item `b[p + 2, to)` ends (it starts at `p + 4`, its value_json at the end
 * + 3) when the item is exactly key (field 1) then value_json (field 16, tag 0x82 0x01), both
 * with one-byte lengths, as the SDK writes it; -1 for anything else.
 */
export function plainItemKeyEnd(b: Uint8Array, p: number, to: number): number {
  if (to - p < 7 || b[p + 2] !== 0x0a) return -1;
  const keyEnd = p + 4 + b[p + 3]!;
  if (keyEnd + 3 > to || b[keyEnd] !== 0x82 || b[keyEnd + 1] !== 0x01 || keyEnd + 3 + b[keyEnd + 2]! !== to) return -1;
  return keyEnd;
}

/**
 * An item `b[p + 2, to)` of exactly key (field 1) then value_json (field 16, tag 0x82 0x01),
 * one-byte lengths, added to `row`; false for anything else.
 */
function readPlainItem(
  b: Uint8Array,
  p: number,
  to: number,
  row: HistoryRow,
  place: number,
  keys: KeysByPlace,
): boolean {
  const keyEnd = plainItemKeyEnd(b, p, to);
  if (keyEnd < 0) return false;
  const key = keys.get(place, b, p + 4, keyEnd);
  const role = keys.role;
  const v = parseAsciiNumber(b, keyEnd + 3, to);
  if (v === v) row.addNumber(key, v, role);
  else row.addText(key, decodeUtf8(b, keyEnd + 3, to), role);
  return true;
}

/**
 * Reads the StatsRecord `b[start, end)` (a Record's body) into `row` (its time in `row.time`)
 * when it is as the SDK writes it: stats_type, a timestamp, items of key then value_json, every
 * length under 128. Returns false for anything else (decode it with `decodeRecord`). Throws
 * `ProtobufError` on a malformed timestamp, as `decodeRecord` does.
 */
export function readPlainStats(b: Uint8Array, row: HistoryRow, start: number, end: number): boolean {
  row.clear();
  let p = start;
  let place = 0;
  while (p < end) {
    const tag = b[p]!;
    if (p + 1 >= end) return false;
    const len = b[p + 1]!;
    if (len >= 0x80) return false;
    if (tag === 0x08) {
      p += 2; // stats_type, a one-byte varint
      continue;
    }
    const to = p + 2 + len;
    if (to > end) return false;
    if (tag === 0x12) row.time = timestampMs(b, p + 2, to);
    else if (tag !== 0x1a || !readPlainItem(b, p, to, row, place++, STATS_KEYS)) return false;
    p = to;
  }
  return true;
}

/** HistoryItem: key 1, nested_key 2, value_json 16 (as `decodeItem` in records.ts reads them). */
function addItem(f: FieldCursor, row: HistoryRow, place: number): void {
  const b = f.buf;
  let key: string | undefined;
  let nested: string[] | undefined;
  let valueStart = 0;
  let valueEnd = 0;
  while (f.next()) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 1) key = keyAt(place, b, f.start, f.end);
    else if (f.no === 2) (nested ??= []).push(f.asString());
    else if (f.no === 16) {
      valueStart = f.start;
      valueEnd = f.end;
    }
  }
  const name = key !== undefined && key !== '' ? key : nested ? nested.join('.') : (key ?? '');
  const v = parseAsciiNumber(b, valueStart, valueEnd);
  if (v === v) row.addNumber(name, v);
  else row.addText(name, decodeUtf8(b, valueStart, valueEnd));
}
