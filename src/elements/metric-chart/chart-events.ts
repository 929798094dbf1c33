/** The `detail` of the events `<metric-chart>` fires. */

/** `detail` of `metric-chart-zoom`: the visible x range, or null after a reset to the full view. */
export interface MetricChartZoomDetail {
  range: [number, number] | null;
}

/** One series' values at the cursor. */
export interface MetricChartCursorValue {
  runId: string;
  key: string;
  label: string;
  /** The drawn (smoothed, when smoothing is on) value; NaN/±Infinity as logged. */
  value: number | null;
  /** The raw value when smoothing is on. */
  original?: number | null;
}

/** `detail` of `metric-chart-cursor`: the x under the cursor (null when it leaves) and every series' value. */
export interface MetricChartCursorDetail {
  x: number | null;
  /** Epoch ms at which the point under the cursor was logged, when the source sends times. */
  time?: number;
  values: MetricChartCursorValue[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-chart-zoom': CustomEvent<MetricChartZoomDetail>;
    'metric-chart-cursor': CustomEvent<MetricChartCursorDetail>;
  }
}
