/**
 * Cursor-up redraws across lines. A program that redraws (tqdm's nested bars, `position=1`) writes
 * a line, moves the cursor up and writes the next line over it; a log splits that output at
 * newlines, so the overwritten states arrive as separate lines. This finds the lines that a later
 * line drew over, so the viewer can show them as superseded. Pure: no DOM.
 */
import type { TerminalLine } from './ansi.js';

/** How many following lines are looked at. */
export const REDRAW_LOOKAHEAD = 8;

/**
 * Whether a later line draws on a row at or above `line`'s first row, i.e. over what it showed.
 * `following` are the lines right after it, in order (stop the list at the first unknown or
 * non-adjacent line).
 */
export function isRedrawn(line: TerminalLine, following: readonly TerminalLine[]): boolean {
  const top = line.rows?.top ?? 0;
  // Row (relative to `line`'s first row) where the next line starts: one below where the cursor ended.
  let entry = (line.rows?.end ?? 0) + 1;
  for (let i = 0; i < following.length && i < REDRAW_LOOKAHEAD; i++) {
    const next = following[i];
    if (entry + (next.rows?.top ?? 0) <= top) return true;
    entry += (next.rows?.end ?? 0) + 1;
  }
  return false;
}
