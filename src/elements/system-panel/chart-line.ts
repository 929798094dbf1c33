/** What a system chart's source draws (`ChartSource`) and what its live part reads of it (`chart-live.ts`). */

export interface ChartLine {
  /** The name the chart sees (and shows in its legend and tooltip). */
  alias: string;
  /** The underlying metric key. */
  key: string;
  /** Logged value × `scale` = value in the chart's base unit (bytes …). */
  scale: number;
  /** Base unit ÷ `divisor` = the unit drawn. */
  divisor: number;
  derive?: 'rate';
}

/** The parts of a chart's source that live points read and change. */
export interface LiveLines {
  readonly lines: readonly ChartLine[];
  readonly keys: ReadonlySet<string>;
  /** Each counter's last raw point (epoch ms, raw value) by run and key. */
  readonly bases: Map<string, { time: number; value: number }>;
  /** Drops what was fetched: a live point changed the data. */
  invalidate(): void;
}
