/**
 * What every tracker's system key reads into (system-keys.ts for W&B, tracker-keys.ts for MLflow
 * and Aim), and the small helpers both name tables use.
 */

/** The catalogue charts; see `CHART_KINDS` in system-catalogue.ts for titles, units and ranges. */
export type ChartKindId =
  | 'cpu'
  | 'proc-cpu-share'
  | 'proc-cpu'
  | 'cpu-cores'
  | 'cpu-clusters'
  | 'cpu-freq'
  | 'cpu-power'
  | 'cpu-temp'
  | 'system-power'
  | 'threads'
  | 'open-files'
  | 'memory'
  | 'memory-bytes'
  | 'proc-memory-bytes'
  | 'proc-memory'
  | 'swap'
  | 'swap-bytes'
  | 'disk-percent'
  | 'disk-bytes'
  | 'disk-io'
  | 'network'
  | 'gpu-util'
  | 'gpu-temp'
  | 'gpu-mem-alloc'
  | 'gpu-mem-bytes'
  | 'gpu-mem-access'
  | 'gpu-mem-activity'
  | 'gpu-power'
  | 'gpu-power-percent'
  | 'gpu-power-limit'
  | 'gpu-sm-clock'
  | 'gpu-mem-clock'
  | 'gpu-graphics-clock'
  | 'gpu-freq'
  | 'gpu-fan'
  | 'gpu-encoder'
  | 'gpu-decoder'
  | 'gpu-ecc-corrected'
  | 'gpu-ecc-uncorrected'
  | 'ane-power'
  | 'tpu-util'
  | 'tpu-duty'
  | 'tpu-mem'
  | 'tpu-mem-bytes';

/** Named lines of charts that are not per device. */
export type PartId =
  'sent' | 'received' | 'read' | 'written' | 'rss' | 'virtual' | 'available' | 'used' | 'efficiency' | 'performance';

export type Tracker = 'wandb' | 'mlflow' | 'aim';

export interface KeyDescription {
  tracker: Tracker;
  /** A catalogue chart, or undefined for a system key the catalogue does not know ("Other"). */
  chart?: ChartKindId;
  /** For unknown per-device fields: the field name, so every device's line shares one chart. */
  field?: string;
  /** GPU / TPU / core index; the line's colour follows it. */
  device?: number;
  /** What kind of device `device` counts. */
  deviceKind?: 'gpu' | 'tpu' | 'core';
  /** Metrics W&B measures for the GPUs the process uses (`gpu.process.<i>.*`): charted apart. */
  process?: boolean;
  /** A named line (sent / received …). */
  part?: PartId;
  /** A line named by text from the key (a disk path or device). */
  name?: string;
  /** Multiply the logged value by this to get the chart's base unit (bytes for memory, disk and network). */
  scale?: number;
}

/** A key's description but for its tracker: what the name tables give. */
export type Described = Omit<KeyDescription, 'tracker'>;

/** MLflow's megabytes and gigabytes are 10^6 and 10^9 bytes. */
export const MB_DECIMAL = 1e6;
export const GB_DECIMAL = 1e9;

/** `table[name]` when the table has it as its own entry (never an inherited `constructor`…). */
export function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** A device index as the trackers write it: up to four digits. */
export function index(s: string): number | undefined {
  if (!/^\d{1,4}$/.test(s)) return undefined;
  return Number(s);
}
