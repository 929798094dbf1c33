/**
 * Plain decimal numbers read straight from their bytes (`0.693147`, `-12`, `3e-04`), without
 * making a string first: the values of a `.wandb` history are mostly such numbers.
 *
 * Only the common shape is taken, and only where the result is exact: at most 15 significant
 * digits times a power of ten up to 10^22, both exact doubles, so one multiplication or division
 * rounds once, as `Number(text)` does. Anything else (more digits, large exponents, `NaN`, JSON
 * that is not a number) is left to the caller's general parser.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * The number spelled by `buf[start, end)` (`-?digits(.digits)?([eE][+-]?digits)?`), equal to
 * `Number(text)` and always finite; NaN when the fast path does not apply (parse the text then).
 */
export function parseAsciiNumber(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  if (p >= end) return NaN;
  const negative = buf[p] === 0x2d;
  if (negative) p++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  for (; p < end; p++) {
    const d = buf[p]! - 0x30;
    if (d < 0 || d > 9) break;
    any = true;
    if (mantissa === 0 && d === 0) continue;
    if (++digits > 15) return NaN;
    mantissa = mantissa * 10 + d;
  }
  if (p < end && buf[p] === 0x2e) {
    p++;
    let frac = false;
    for (; p < end; p++) {
      const d = buf[p]! - 0x30;
      if (d < 0 || d > 9) break;
      frac = true;
      scale--;
      if (mantissa === 0 && d === 0) continue;
      if (++digits > 15) return NaN;
      mantissa = mantissa * 10 + d;
    }
    if (!frac) return NaN;
  }
  if (!any && scale === 0) return NaN;
  if (p < end && (buf[p] === 0x65 || buf[p] === 0x45)) {
    p++;
    let expNegative = false;
    if (p < end && (buf[p] === 0x2d || buf[p] === 0x2b)) expNegative = buf[p++] === 0x2d;
    let exp = 0;
    let expDigits = 0;
    for (; p < end; p++) {
      const d = buf[p]! - 0x30;
      if (d < 0 || d > 9) break;
      if (++expDigits > 4) return NaN;
      exp = exp * 10 + d;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exp : exp;
  }
  if (p !== end) return NaN;
  let v: number;
  if (mantissa === 0) v = 0;
  else if (scale === 0) v = mantissa;
  else if (scale > 0 && scale <= 22) v = mantissa * POW10[scale]!;
  else if (scale < 0 && scale >= -22) v = mantissa / POW10[-scale]!;
  else return NaN;
  return negative ? -v : v;
}
