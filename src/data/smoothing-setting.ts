/**
 * Whether a smoothing setting smooths anything: what a chart and a source decide before they load
 * the smoothing itself (smoothing.ts), which only a chart that smooths needs.
 */
import type { Smoothing } from './source.js';
import { SMOOTHING_KINDS } from './source.js';

/** Whether a smoothing setting changes anything (kind known and not `none`, weight usable). */
export function isActiveSmoothing(s: Smoothing | undefined): s is Smoothing {
  if (!s || !SMOOTHING_KINDS.includes(s.kind) || s.kind === 'none') return false;
  const w = Number(s.weight);
  if (!Number.isFinite(w) || w <= 0) return false;
  if (s.kind === 'average' && Math.round(w) < 1) return false;
  return true;
}
