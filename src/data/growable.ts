/**
 * A Float64 column that grows by amortised doubling, for metrics appended while a run is live.
 * `view()` exposes the filled part without copying; callers that hand data out must copy it.
 * A Float64Array given at construction is adopted, not copied (10 × 1M points stay 80 MB, not 160):
 * the first push moves to a new buffer, so the caller's array is never written to.
 */
export class GrowableColumn {
  private data: Float64Array;
  private size: number;

  constructor(initial?: ArrayLike<number>) {
    this.data = initial ? toFloat64(initial) : new Float64Array(16);
    this.size = initial ? this.data.length : 0;
  }

  get length(): number {
    return this.size;
  }

  get(i: number): number {
    return this.data[i];
  }

  push(v: number): void {
    if (this.size === this.data.length) {
      const next = new Float64Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = v;
  }

  /** The filled part, sharing memory with the column: do not hand it out. */
  view(): Float64Array {
    return this.data.subarray(0, this.size);
  }
}

/**
 * Converts numbers-or-junk to a Float64Array: numbers stay, numeric strings parse, anything else is
 * NaN. A Float64Array is returned as it is (no copy).
 */
export function toFloat64(values: ArrayLike<unknown>): Float64Array {
  if (values instanceof Float64Array) return values;
  // typed arrays of numbers convert at once; BigInt64Array's go through toNumber below
  if (ArrayBuffer.isView(values) && !(values instanceof DataView) && typeof values[0] !== 'bigint')
    return new Float64Array(values as unknown as ArrayLike<number>);
  const n = values.length >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = toNumber(values[i]);
  return out;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  return typeof v === 'bigint' || (typeof v === 'string' && v.trim() !== '') ? Number(v) : NaN;
}
