/**
 * The TensorBoard hparams plugin's data (`SummaryMetadata.plugin_data.content` of values whose
 * plugin is `hparams`): a session's hyperparameters, and how and when the session ended.
 *
 * HParamsPluginData: version 1, experiment 2, session_start_info 3, session_end_info 4.
 * SessionStartInfo: hparams 1 (map<string, google.protobuf.Value>), model_uri 2, monitor_url 3,
 * group_name 4, start_time_secs 5. SessionEndInfo: status 1 (0 unknown, 1 success, 2 failure,
 * 3 running), end_time_secs 2.
 */
import type { JsonObject, JsonValue } from '../../data/source.js';
import { readFields, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from '../common/protobuf.js';

export interface TfHparams {
  /** The value defines an hparams experiment (`hp.hparams_config`): written at the root of a logdir whose subfolders are its sessions. */
  experiment?: boolean;
  /** Hyperparameters of the session (from `session_start_info`). */
  hparams?: JsonObject;
  groupName?: string;
  /** Epoch ms */
  startTime?: number;
  /** From `session_end_info`: 0 unknown, 1 success, 2 failure, 3 running. */
  endStatus?: number;
  /** Epoch ms */
  endTime?: number;
}

export const HPARAMS_STATUS_SUCCESS = 1;
export const HPARAMS_STATUS_FAILURE = 2;

/** Decodes `HParamsPluginData`; experiment definitions carry no values for a run and are skipped. */
export function decodeHparamsPluginData(bytes: Uint8Array): TfHparams {
  const out: TfHparams = {};
  for (const f of readFields(bytes)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === 2) out.experiment = true;
    else if (f.no === 3) decodeSessionStart(f.data, out);
    else if (f.no === 4) decodeSessionEnd(f.data, out);
  }
  return out;
}

function decodeSessionStart(bytes: Uint8Array, out: TfHparams): void {
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === WIRE_LEN) {
      let key = '';
      let value: JsonValue = null;
      for (const e of readFields(f.data)) {
        if (e.no === 1 && e.wire === WIRE_LEN) key = e.asString();
        else if (e.no === 2 && e.wire === WIRE_LEN) value = decodeValue(e.data, 0);
      }
      (out.hparams ??= {})[key] = value;
    } else if (f.no === 4 && f.wire === WIRE_LEN) out.groupName = f.asString();
    else if (f.no === 5 && f.wire === WIRE_FIXED64) out.startTime = f.asDouble() * 1000;
  }
}

function decodeSessionEnd(bytes: Uint8Array, out: TfHparams): void {
  out.endStatus = 0;
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === WIRE_VARINT) out.endStatus = f.asInt32();
    else if (f.no === 2 && f.wire === WIRE_FIXED64) out.endTime = f.asDouble() * 1000;
  }
}

const MAX_DEPTH = 32;

/** `google.protobuf.Value`: null 1, number 2, string 3, bool 4, struct 5, list 6. */
function decodeValue(bytes: Uint8Array, depth: number): JsonValue {
  let value: JsonValue = null;
  for (const f of readFields(bytes)) {
    if (f.no === 2 && f.wire === WIRE_FIXED64) value = f.asDouble();
    else if (f.no === 3 && f.wire === WIRE_LEN) value = f.asString();
    else if (f.no === 4 && f.wire === WIRE_VARINT) value = f.asBool();
    else if (f.no === 1) value = null;
    else if (depth >= MAX_DEPTH || f.wire !== WIRE_LEN) continue;
    else if (f.no === 5) value = decodeStruct(f.data, depth + 1);
    else if (f.no === 6) {
      const list: JsonValue[] = [];
      for (const item of readFields(f.data))
        if (item.no === 1 && item.wire === WIRE_LEN) list.push(decodeValue(item.data, depth + 1));
      value = list;
    }
  }
  return value;
}

/** `google.protobuf.Struct`: fields 1 (map<string, Value>). */
function decodeStruct(bytes: Uint8Array, depth: number): JsonObject {
  const out: JsonObject = {};
  for (const f of readFields(bytes)) {
    if (f.no !== 1 || f.wire !== WIRE_LEN) continue;
    let key = '';
    let value: JsonValue = null;
    for (const e of readFields(f.data)) {
      if (e.no === 1 && e.wire === WIRE_LEN) key = e.asString();
      else if (e.no === 2 && e.wire === WIRE_LEN) value = decodeValue(e.data, depth);
    }
    out[key] = value;
  }
  return out;
}
