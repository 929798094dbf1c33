/**
 * ANSI styles as CSS. The 16 base colours are theme tokens (`--_ansi-0` … `--_ansi-15`, fed by
 * `--runpage-log-viewer-ansi-N`), so a log keeps readable colours in light and dark themes;
 * 256-colour cube / grey ramp and true colours are literal.
 */
import { isRgb, type AnsiColor, type AnsiStyle } from './ansi.js';

const CUBE = [0, 95, 135, 175, 215, 255];

/**
 * The CSS colour of an ANSI colour. Base colours have a text variant (strong, readable on the
 * background) and a background variant (soft, so the default text stays readable on it).
 */
export function ansiColorCss(c: AnsiColor, use: 'fg' | 'bg' = 'fg'): string {
  if (isRgb(c)) return `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;
  if (c < 16) return use === 'fg' ? `var(--_ansi-${c})` : `var(--_ansi-bg-${c})`;
  if (c < 232) {
    const i = c - 16;
    return `rgb(${CUBE[Math.floor(i / 36)]},${CUBE[Math.floor(i / 6) % 6]},${CUBE[i % 6]})`;
  }
  const v = 8 + (c - 232) * 10;
  return `rgb(${v},${v},${v})`;
}

const styleCache = new WeakMap<AnsiStyle, Readonly<Record<string, string>>>();

/**
 * CSS declarations for a style (empty for plain text), for the `styleProps` directive, which sets them through
 * the CSSOM and so works under a strict `style-src`. Bold text in a base colour uses its bright
 * variant, as terminals do.
 */
export function ansiStyleMap(style: AnsiStyle): Readonly<Record<string, string>> {
  let map = styleCache.get(style);
  if (map !== undefined) return map;
  let fg = style.fg;
  if (style.bold && fg !== undefined && fg < 8) fg += 8;
  let fgCss = fg === undefined ? undefined : ansiColorCss(fg);
  let bgCss = style.bg === undefined ? undefined : ansiColorCss(style.bg, 'bg');
  if (style.inverse) {
    // The text colour fills the cell (strong variant); the background colour becomes the text.
    fgCss = style.bg === undefined ? 'var(--_color-bg)' : ansiColorCss(style.bg, 'bg');
    bgCss = fg === undefined ? 'var(--_color-fg)' : ansiColorCss(fg);
  }
  const out: Record<string, string> = {};
  if (fgCss) out.color = fgCss;
  if (bgCss) out['background-color'] = bgCss;
  if (style.bold) out['font-weight'] = '700';
  if (style.dim) out.opacity = '0.65';
  if (style.italic) out['font-style'] = 'italic';
  const lines = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].filter(Boolean);
  if (lines.length) out['text-decoration'] = lines.join(' ');
  map = Object.freeze(out);
  styleCache.set(style, map);
  return map;
}

/** The same declarations as one inline CSS string ('' for plain text). */
export function ansiStyleCss(style: AnsiStyle): string {
  return Object.entries(ansiStyleMap(style))
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
}

/**
 * The 16 base colours as mid-tone hues, each mixed with the theme's text colour: a dark text colour
 * (light theme) darkens them, a light one (dark theme) lightens them, so they stay readable (WCAG AA
 * against the background) under any theme, including custom tokens. Bright variants mix less.
 * As backgrounds the same hues are mixed into the theme's background (`ANSI_BG_PERCENT`), so the
 * default text stays readable on them.
 */
export const ANSI_BASE: readonly (readonly [hue: string, percent: number])[] = [
  ['#6b6b6b', 60], // black
  ['#d73a3a', 60], // red
  ['#2ea043', 60], // green
  ['#c99a16', 60], // yellow
  ['#3b82f6', 60], // blue
  ['#b45cd6', 60], // magenta
  ['#1aa6b7', 60], // cyan
  ['#a0a0a0', 60], // white
  ['#8a8a8a', 50], // bright black
  ['#f06060', 50], // bright red
  ['#4ac26b', 50], // bright green
  ['#e3b341', 50], // bright yellow
  ['#6aa8ff', 50], // bright blue
  ['#d08cf0', 50], // bright magenta
  ['#3fcfe0', 50], // bright cyan
  ['#c8c8c8', 50], // bright white
];

/** Share of the hue in a background colour (the rest is the theme's background). */
export const ANSI_BG_PERCENT = 35;
