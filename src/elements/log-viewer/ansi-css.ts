/**
 * ANSI styles as CSS. The 16 base colours are theme tokens (`--_ansi-0` … `--_ansi-15`, fed by
 * `--runpage-log-viewer-ansi-N`), so a log keeps readable colours in light and dark themes;
 * 256-colour cube / grey ramp and true colours are literal.
 */
import { isRgb, type AnsiColor, type AnsiStyle } from './ansi.js';

const CUBE = [0, 95, 135, 175, 215, 255];

/** The CSS colour of an ANSI colour. */
export function ansiColorCss(c: AnsiColor): string {
  if (isRgb(c)) return `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;
  if (c < 16) return `var(--_ansi-${c})`;
  if (c < 232) {
    const i = c - 16;
    return `rgb(${CUBE[Math.floor(i / 36)]},${CUBE[Math.floor(i / 6) % 6]},${CUBE[i % 6]})`;
  }
  const v = 8 + (c - 232) * 10;
  return `rgb(${v},${v},${v})`;
}

const cssCache = new WeakMap<AnsiStyle, string>();

/** Inline CSS for a style ('' for plain text). Bold text in a base colour uses its bright variant, as terminals do. */
export function ansiStyleCss(style: AnsiStyle): string {
  let css = cssCache.get(style);
  if (css !== undefined) return css;
  let fg = style.fg;
  if (style.bold && fg !== undefined && fg < 8) fg += 8;
  let fgCss = fg === undefined ? undefined : ansiColorCss(fg);
  let bgCss = style.bg === undefined ? undefined : ansiColorCss(style.bg);
  if (style.inverse) {
    [fgCss, bgCss] = [bgCss ?? 'var(--_color-bg)', fgCss ?? 'var(--_color-fg)'];
  }
  const parts: string[] = [];
  if (fgCss) parts.push(`color:${fgCss}`);
  if (bgCss) parts.push(`background-color:${bgCss}`);
  if (style.bold) parts.push('font-weight:700');
  if (style.dim) parts.push('opacity:0.65');
  if (style.italic) parts.push('font-style:italic');
  const lines = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].filter(Boolean);
  if (lines.length) parts.push(`text-decoration:${lines.join(' ')}`);
  css = parts.join(';');
  cssCache.set(style, css);
  return css;
}

/** Light and dark defaults of the 16 base colours (GitHub's terminal palettes, readable on each background). */
export const ANSI_PALETTE: Record<'light' | 'dark', readonly string[]> = {
  light: [
    '#24292f',
    '#cf222e',
    '#116329',
    '#4d2d00',
    '#0969da',
    '#8250df',
    '#1b7c83',
    '#6e7781',
    '#57606a',
    '#a40e26',
    '#1a7f37',
    '#633c01',
    '#0550ae',
    '#6639ba',
    '#136061',
    '#59636e',
  ],
  dark: [
    '#7d8590',
    '#ff7b72',
    '#3fb950',
    '#d29922',
    '#58a6ff',
    '#bc8cff',
    '#39c5cf',
    '#b1bac4',
    '#8b949e',
    '#ffa198',
    '#56d364',
    '#e3b341',
    '#79c0ff',
    '#d2a8ff',
    '#56d4dd',
    '#f0f6fc',
  ],
};
