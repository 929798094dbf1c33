/**
 * Plain decimal numbers read straight from their bytes (`0.693147`, `-12`, `3e-04`), without
 * making a string first: the values of a `.wandb` history are mostly such numbers.
 *
 * Only the common shape is taken, and only where the result is exact: digits making an integer
 * below 2^53 times a power of ten up to 10^22, both exact doubles, so one multiplication or
 * division rounds once, as `Number(text)` does. Anything else (more digits, large exponents, `NaN`, JSON
 * that is not a number) is left to the caller's general parser.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Integers below this are exact doubles, and so is every step of summing their digits. */
const EXACT = 2 ** 53;

/**
 * `mantissa × 10^scale`, negated when `negative`, rounded once as `Number(text)` rounds the same
 * digits; NaN when that cannot be done exactly here (mantissa ≥ 2^53 or |scale| > 22), so the
 * caller parses the text instead. Shared by every reader that scans decimals itself.
 */
export function exactDecimal(mantissa: number, scale: number, negative: boolean): number {
  if (mantissa >= EXACT) return NaN;
  let v: number;
  if (mantissa === 0) v = 0;
  else if (scale === 0) v = mantissa;
  else if (scale > 0 && scale <= 22) v = mantissa * POW10[scale]!;
  else if (scale < 0 && scale >= -22) v = mantissa / POW10[-scale]!;
  else return NaN;
  return negative ? -v : v;
}

/**
 * The number spelled by `buf[start, end)` (`-?digits(.digits)?([eE][+-]?digits)?`), equal to
 * `Number(text)` and always finite; NaN when the fast path does not apply (parse the text then).
 */
export function parseAsciiNumber(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  if (p >= end) return NaN;
  const negative = buf[p] === 0x2d;
  if (negative) p++;
  // The digits as one integer: exact while below 2^53, so scaling it once by an exact power of
  // ten rounds once, as Number(text) does (larger ones are left to the general parser).
  let mantissa = 0;
  const intStart = p;
  for (; p < end; p++) {
    const d = buf[p]! - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = p - intStart;
  let scale = 0;
  if (p < end && buf[p] === 0x2e) {
    const fracStart = ++p;
    for (; p < end; p++) {
      const d = buf[p]! - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    scale = fracStart - p;
    if (scale === 0) return NaN;
    digits -= scale;
  }
  if (digits === 0) return NaN;
  if (p < end) {
    const e = buf[p];
    if (e !== 0x65 && e !== 0x45) return NaN;
    p++;
    let expNegative = false;
    if (p < end && (buf[p] === 0x2d || buf[p] === 0x2b)) expNegative = buf[p++] === 0x2d;
    let exp = 0;
    const expStart = p;
    for (; p < end; p++) {
      const d = buf[p]! - 0x30;
      if (d < 0 || d > 9) break;
      exp = exp * 10 + d;
    }
    const expDigits = p - expStart;
    if (expDigits === 0 || expDigits > 4 || p !== end) return NaN;
    scale += expNegative ? -exp : exp;
  }
  return exactDecimal(mantissa, scale, negative);
}
