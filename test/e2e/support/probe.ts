/**
 * The types of `e2eProbe`, the in-page probe of page-probe.js. Tests call it through functions
 * (`page.evaluate(() => e2eProbe.busy())`), never through strings: run pages are served under a
 * strict Content-Security-Policy, where a string would have to be eval'd in the page and is refused.
 */

export interface ChartProbe {
  keys: string[];
  /** The raw-point total the chart states; null while it states none. */
  total: number | null;
  where: string;
}

export interface TabProbe {
  name: string;
  disabled: boolean;
  selected: boolean;
}

export interface BadgeProbe {
  state?: string;
  text: string;
}

export interface E2eProbe {
  /** Visible elements with aria-busy="true", described by their chain of shadow hosts. */
  busy(): string[];
  /** Starts a new quiet period (a tab was clicked). */
  mark(): void;
  /** Truthy once nothing visible has been busy for `quietMs`. */
  settled(quietMs: number): false | { lastBusyAt: number };
  alerts(): string[];
  warnings(): string[];
  tabs(): TabProbe[];
  /** The visible panel of the selected tab named `name`, described; undefined when none. */
  panelOf(name: string): string | undefined;
  badges(): BadgeProbe[];
  logCounts(): (number | null)[];
  charts(): ChartProbe[];
}

declare global {
  // A global set by page-probe.js in the page; `var` is how TypeScript declares one.
  var e2eProbe: E2eProbe;
}
