/**
 * An independent reader of one TensorBoard run folder (FORMATS.md "TensorBoard event files").
 *
 * Rules this reader applies:
 * - Every file named `events.out.tfevents.*` below the folder belongs to the run, read in path
 *   order. A value's metric key is its tag, prefixed with the event file's folder relative to the
 *   run (`train/epoch_loss`), as TensorBoard names a run's sub-runs. Except for PyTorch's
 *   `add_scalars(main_tag, {name: value})`, which writes tag `main_tag` into a folder named
 *   `<main_tag with / as _>_<name>`: that series is `main_tag/name`, as the call named it.
 * - Scalars: `simple_value` (float32), or a rank-0 tensor of a tag whose plugin is `scalars`
 *   (TF2 writes the plugin metadata only with a tag's first value in each file). FLOAT tensors
 *   carry float32, DOUBLE float64, INT32/INT64 integers; all widen exactly to float64.
 * - Summary: each scalar's last value written (event files have no summary of their own).
 * - Times: start and end are the smallest and largest `wall_time` of any event.
 * - State: event files have no exit record, so once the newest event is older than
 *   `SILENCE_MS` the state is `unknown`; before that, `running`.
 */
import { dirname } from 'node:path';
import { tfRecords } from './framing.js';
import { addPoint, emptyFacts, isSilent, readTree, type RunFacts } from './facts.js';
import { Msg } from './protobuf.js';

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_INT64 = 9;

export function readTensorBoardRun(dir: string, now = Date.now()): RunFacts {
  const facts = emptyFacts('tfevents');
  readTree(dir, facts);
  const eventFiles = [...facts.files.keys()].filter((p) => p.split('/').pop()!.startsWith('events.out.tfevents.'));
  let first: number | undefined;
  let last: number | undefined;
  for (const path of eventFiles.sort()) {
    const folder = dirname(path) === '.' ? '' : dirname(path);
    const { payloads, problem } = tfRecords(facts.files.get(path)!);
    if (problem) facts.notes.push(`${path}: ${problem} (${payloads.length} intact records kept)`);
    const pluginOf = new Map<string, string>(); // tag → plugin, per file
    for (const payload of payloads) {
      const event = new Msg(payload);
      const wallMs = (event.double(1) ?? 0) * 1000;
      first = Math.min(first ?? wallMs, wallMs);
      last = Math.max(last ?? wallMs, wallMs);
      const step = event.int(2) ?? 0;
      for (const v of event.msg(5)?.msgs(1) ?? []) {
        const tag = v.str(1) ?? '';
        const plugin = v.msg(9)?.msg(1)?.str(1);
        if (plugin !== undefined && !pluginOf.has(tag)) pluginOf.set(tag, plugin);
        const value = v.has(2) ? v.float(2)! : pluginOf.get(tag) === 'scalars' ? tensorScalar(v.msg(8)) : undefined;
        if (value === undefined) continue;
        const key = metricKey(folder, tag);
        addPoint(facts, key, 'history', { step, value, time: wallMs });
        facts.summary[key] = value;
      }
    }
  }
  facts.startedAt = first;
  facts.endedAt = last;
  if (first !== undefined && last !== undefined) facts.runtime = (last - first) / 1000;
  facts.state = isSilent(last, now) ? 'unknown' : 'running';
  facts.stateWhy = isSilent(last, now)
    ? 'event files carry no exit, and no event was written recently'
    : 'an event was written recently';
  return facts;
}

function metricKey(folder: string, tag: string): string {
  const segments = folder === '' ? [] : folder.split('/');
  const last = segments.pop();
  const addScalars = tag.replaceAll('/', '_') + '_';
  if (last !== undefined && last.length > addScalars.length && last.startsWith(addScalars))
    return [...segments, tag, last.slice(addScalars.length)].join('/');
  return folder ? `${folder}/${tag}` : tag;
}

/** The single number of a rank-0 TensorProto, or undefined for anything else. */
function tensorScalar(t: Msg | undefined): number | undefined {
  if (!t) return undefined;
  const dims = t.msg(2)?.all(2) ?? [];
  if (dims.length > 0) return undefined;
  const dtype = t.int(1);
  const content = t.last(4)?.bytes;
  const view = content && new DataView(content.buffer, content.byteOffset, content.length);
  if (dtype === DT_FLOAT) return view?.byteLength === 4 ? view.getFloat32(0, true) : packedOrSingle(t, 5, 4);
  if (dtype === DT_DOUBLE) return view?.byteLength === 8 ? view.getFloat64(0, true) : packedOrSingle(t, 6, 8);
  if (dtype === DT_INT32 || dtype === DT_INT64) {
    if (view?.byteLength === 4 && dtype === DT_INT32) return view.getInt32(0, true);
    if (view?.byteLength === 8) return Number(view.getBigInt64(0, true));
    const f = t.last(dtype === DT_INT32 ? 7 : 10);
    if (f?.wire === 0) return Number(BigInt.asIntN(64, f.varint));
  }
  return undefined;
}

/** float_val / double_val: packed (wire 2) or one fixed-width value (wire 5 / 1). */
function packedOrSingle(t: Msg, no: number, width: 4 | 8): number | undefined {
  const f = t.last(no);
  if (!f || f.bytes.length !== width) return undefined;
  const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, width);
  return width === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true);
}
