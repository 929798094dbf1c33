/**
 * Whether x is evenly spaced (steps logged one by one), told as a column is read or grows: M4
 * (downsample.ts) then computes x instead of reading it.
 */

/**
 * Evenly spaced x, exactly: `x[i] === x0 + i * dx` for every i, as floating point computes the
 * right side, with x0 finite and dx finite and ≥ 0 (so x is sorted and finite too).
 */
export interface EvenSpacing {
  readonly x0: number;
  readonly dx: number;
}

/**
 * Tells, one value at a time (as a column is read or grows), whether x is evenly spaced: the spacing
 * after two points is the second minus the first, and every later point must sit exactly where
 * `x0 + i * dx` computes it.
 */
export class EvenSpacingCheck {
  private x0 = NaN;
  private dx = NaN;
  private n = 0;
  private even = true;

  /** Adds the next value; returns whether the values so far are evenly spaced. */
  add(v: number): boolean {
    const n = this.n++;
    if (!this.even) return false;
    if (n === 0) {
      this.x0 = v;
      // v - v is 0 for finite v, NaN for NaN and ±Infinity
      this.even = v - v === 0;
    } else if (n === 1) {
      this.dx = v - this.x0;
      this.even = this.dx >= 0 && this.dx !== Infinity && this.x0 + this.dx === v;
    } else if (v !== this.x0 + n * this.dx || v - v !== 0) this.even = false;
    return this.even;
  }

  /** The spacing of the values added so far, undefined when there are none or they are not evenly spaced. */
  get spacing(): EvenSpacing | undefined {
    if (!this.even || this.n === 0) return undefined;
    return { x0: this.x0, dx: this.n === 1 ? 0 : this.dx };
  }
}

/** The spacing of `x[0..n)` when it is evenly spaced (see `EvenSpacing`), else undefined. */
export function evenSpacing(x: ArrayLike<number>, n = x.length): EvenSpacing | undefined {
  const check = new EvenSpacingCheck();
  for (let i = 0; i < n; i++) if (!check.add(x[i])) return undefined;
  return check.spacing;
}
