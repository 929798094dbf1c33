/**
 * Design tokens: every public `--runpage-<name>` custom property with its light and dark value.
 * Elements read the private `--_<name>` (public value or the light default), so a page overrides
 * any token on the element, and `theme="dark"` only swaps the defaults.
 */
export const THEME_TOKENS: Record<string, readonly [light: string, dark: string]> = {
  'font-family': ['system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif', ''],
  'font-mono': ['ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace', ''],
  'font-size': ['14px', ''],
  radius: ['6px', ''],
  space: ['8px', ''],
  'color-bg': ['#ffffff', '#14161b'],
  'color-surface': ['#f6f7f9', '#1b1e25'],
  'color-surface-2': ['#eceef2', '#262a34'],
  'color-fg': ['#1b1e24', '#e6e8ec'],
  'color-muted': ['#5b6270', '#a0a8b6'],
  'color-border': ['#d9dde4', '#323744'],
  'color-accent': ['#2559d9', '#7aa7ff'],
  'color-accent-fg': ['#ffffff', '#0d1117'],
  'color-focus': ['#2559d9', '#8ab4ff'],
  'color-danger': ['#c8281c', '#ff7b70'],
  'color-warning': ['#a04600', '#f5a524'],
  'color-success': ['#11703f', '#4fd18b'],
  'color-highlight': ['#fff0a8', '#5c4a00'],
  'color-grid': ['#e7e9ee', '#2a2e38'],
  'series-0': ['#2559d9', '#7aa7ff'],
  'series-1': ['#e8590c', '#ff9a4d'],
  'series-2': ['#2f9e44', '#5fd47a'],
  'series-3': ['#c2255c', '#ff6fa3'],
  'series-4': ['#7048e8', '#a991ff'],
  'series-5': ['#0c8599', '#3fd0e6'],
  'series-6': ['#c98a00', '#ffd43b'],
  'series-7': ['#5c940d', '#a9e34b'],
  'series-8': ['#862e9c', '#e599f7'],
  'series-9': ['#495057', '#ced4da'],
};
