/**
 * A small terminal for one log line: ANSI SGR styles (16 / 256 / true colour, bold, dim, italic,
 * underline, inverse, strikethrough), carriage return, backspace, cursor movement and erase, so a
 * line holding hundreds of tqdm `\r` updates comes out as the one state a terminal would show.
 * Every other escape sequence (OSC titles and hyperlinks, charset switches, modes) is removed.
 * Pure: no DOM.
 */

/** A colour: 0–255 is an xterm palette index; `RGB_FLAG | 0xrrggbb` is a true colour. */
export type AnsiColor = number;
export const RGB_FLAG = 0x1000000;

export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface StyledSegment {
  text: string;
  style: AnsiStyle;
}

export interface TerminalLine {
  /** The text a reader sees (rows joined with `\n` when the line drew on more than one row). */
  text: string;
  /** `text` cut into runs of one style, in order; their texts concatenate to `text`. */
  segments: StyledSegment[];
  /**
   * Rows relative to the row the line started on (0), for lines that move the cursor up or down:
   * the first and last row drawn on, and the row the cursor ended on. A negative `top` means the
   * line drew over the lines before it; a negative `end` means the lines after it will.
   * Absent for lines that stay on their own row.
   */
  rows?: { top: number; bottom: number; end: number };
}

type MutableStyle = { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] };

export const PLAIN: AnsiStyle = Object.freeze({});

export function rgb(r: number, g: number, b: number): AnsiColor {
  return RGB_FLAG | ((r & 255) << 16) | ((g & 255) << 8) | (b & 255);
}

export function isRgb(c: AnsiColor): boolean {
  return c >= RGB_FLAG;
}

// Anything that needs the terminal: C0 controls except tab, DEL, C1 controls.
const NEEDS_TERMINAL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

/** Parses one log line as a terminal would draw it. Never throws. */
export function parseTerminalLine(input: string): TerminalLine {
  const text = typeof input === 'string' ? input : String(input ?? '');
  if (!NEEDS_TERMINAL.test(text)) return { text, segments: text ? [{ text, style: PLAIN }] : [] };
  const term = new LineTerminal();
  term.write(text);
  return term.result();
}

interface Row {
  chars: string[];
  styles: AnsiStyle[];
}

const styleCache = new Map<string, AnsiStyle>();
const MAX_ROWS = 1000;

/** One shared object per distinct style, so equal neighbours merge by reference. */
function intern(s: AnsiStyle): AnsiStyle {
  const key = `${s.fg ?? ''}|${s.bg ?? ''}|${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.italic ? 1 : 0}${s.underline ? 1 : 0}${s.inverse ? 1 : 0}${s.strike ? 1 : 0}`;
  if (key === '||000000') return PLAIN;
  let found = styleCache.get(key);
  if (!found) {
    if (styleCache.size > 4096) styleCache.clear();
    found = Object.freeze({ ...s });
    styleCache.set(key, found);
  }
  return found;
}

class LineTerminal {
  /** Rows by their offset from the starting row; negative rows are above it. */
  private rows = new Map<number, Row>();
  private row = 0;
  private col = 0;
  private style: AnsiStyle = PLAIN;
  private saved = { row: 0, col: 0 };

  write(s: string): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const code = s.charCodeAt(i);
      if (code === 0x1b) {
        i = this.escape(s, i);
        continue;
      }
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
        this.control(code);
        i++;
        continue;
      }
      // Copy the run of printable characters up to the next control.
      let j = i + 1;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 0x1b || (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) break;
        j++;
      }
      this.print(s, i, j);
      i = j;
    }
  }

  private control(code: number): void {
    switch (code) {
      case 0x0d: // \r
        this.col = 0;
        break;
      case 0x0a: // \n
      case 0x0b:
      case 0x0c:
        this.moveToRow(this.row + 1);
        this.col = 0;
        break;
      case 0x08: // backspace
        this.col = Math.max(0, this.col - 1);
        break;
      case 0x09: // tab: kept as a character (CSS tab-size lays it out)
        this.put('\t');
        break;
      default: // BEL, NUL, C1 and the rest draw nothing
        break;
    }
  }

  private print(s: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      // Keep surrogate pairs together as one cell.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.put(s.slice(i, i + 2));
          i++;
          continue;
        }
      }
      this.put(s[i]);
    }
  }

  private put(ch: string): void {
    const r = this.rowAt(this.row);
    while (r.chars.length < this.col) {
      r.chars.push(' ');
      r.styles.push(PLAIN);
    }
    r.chars[this.col] = ch;
    r.styles[this.col] = this.style;
    this.col++;
  }

  private rowAt(row: number): Row {
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = { chars: [], styles: [] }));
    return r;
  }

  private moveToRow(row: number): void {
    // A log line cannot reach further than this; it keeps hostile input from building huge grids.
    this.row = Math.max(-MAX_ROWS, Math.min(MAX_ROWS, row));
  }

  /** Handles the escape sequence starting at `i` (an ESC); returns the index after it. */
  private escape(s: string, i: number): number {
    const next = s[i + 1];
    if (next === undefined) return i + 1;
    if (next === '[') return this.csi(s, i + 2);
    if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') return skipString(s, i + 2);
    if (next === '7') {
      this.saved = { row: this.row, col: this.col };
      return i + 2;
    }
    if (next === '8') {
      this.moveToRow(this.saved.row);
      this.col = this.saved.col;
      return i + 2;
    }
    // ESC + intermediate (charset selection like ESC ( B) + final.
    if (next >= ' ' && next <= '/') return Math.min(s.length, i + 3);
    return i + 2;
  }

  private csi(s: string, start: number): number {
    let i = start;
    while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x3f) i++;
    const params = s.slice(start, i);
    while (i < s.length && s.charCodeAt(i) >= 0x20 && s.charCodeAt(i) <= 0x2f) i++;
    if (i >= s.length) return i;
    const final = s.charCodeAt(i);
    if (final < 0x40 || final > 0x7e) return i; // malformed: drop what was read, keep the rest as text
    // Private sequences (`ESC [ ? 25 l`) change modes only.
    if (!/^[<=>?]/.test(params)) this.command(String.fromCharCode(final), params);
    return i + 1;
  }

  private command(final: string, params: string): void {
    const n = (index: number, fallback = 1): number => {
      const v = parseInt(params.split(';')[index] ?? '', 10);
      return Number.isFinite(v) && v > 0 ? v : fallback;
    };
    switch (final) {
      case 'm':
        this.style = applySgr(this.style, params);
        break;
      case 'A':
        this.moveToRow(this.row - n(0));
        break;
      case 'B':
        this.moveToRow(this.row + n(0));
        break;
      case 'C':
        this.col += n(0);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n(0));
        break;
      case 'E':
        this.moveToRow(this.row + n(0));
        this.col = 0;
        break;
      case 'F':
        this.moveToRow(this.row - n(0));
        this.col = 0;
        break;
      case 'G':
        this.col = n(0) - 1;
        break;
      case 'H':
      case 'f':
        // Rows are screen-absolute, which a single log line cannot know; keep the row, take the column.
        this.col = n(1) - 1;
        break;
      case 'K':
        this.eraseInRow(n(0, 0));
        break;
      case 'J':
        this.eraseInDisplay(n(0, 0));
        break;
      case 's':
        this.saved = { row: this.row, col: this.col };
        break;
      case 'u':
        this.moveToRow(this.saved.row);
        this.col = this.saved.col;
        break;
      default:
        break;
    }
  }

  private eraseInRow(mode: number): void {
    const r = this.rowAt(this.row);
    if (mode === 0) {
      r.chars.length = Math.min(r.chars.length, this.col);
      r.styles.length = r.chars.length;
    } else if (mode === 1) {
      for (let c = 0; c <= this.col && c < r.chars.length; c++) {
        r.chars[c] = ' ';
        r.styles[c] = PLAIN;
      }
    } else {
      r.chars = [];
      r.styles = [];
    }
  }

  private eraseInDisplay(mode: number): void {
    if (mode === 0) {
      this.eraseInRow(0);
      for (const r of [...this.rows.keys()]) if (r > this.row) this.rows.delete(r);
    } else if (mode === 1) {
      for (const r of [...this.rows.keys()]) if (r < this.row) this.rows.delete(r);
      this.eraseInRow(1);
    } else {
      this.rows.clear();
    }
  }

  result(): TerminalLine {
    const drawn = [...this.rows.entries()].filter(([, r]) => r.chars.length > 0).map(([k]) => k);
    const top = drawn.length ? Math.min(...drawn) : 0;
    const bottom = drawn.length ? Math.max(...drawn) : 0;
    const segments: StyledSegment[] = [];
    let run = '';
    let runStyle: AnsiStyle = PLAIN;
    const flush = () => {
      if (run) segments.push({ text: run, style: runStyle });
      run = '';
    };
    for (let r = top; r <= bottom; r++) {
      if (r > top) {
        if (runStyle !== PLAIN) flush();
        runStyle = PLAIN;
        run += '\n';
      }
      const row = this.rows.get(r);
      if (!row) continue;
      const { chars, styles } = row;
      for (let c = 0; c < chars.length; c++) {
        if (styles[c] !== runStyle) {
          flush();
          runStyle = styles[c];
        }
        run += chars[c];
      }
    }
    flush();
    let text = '';
    for (const seg of segments) text += seg.text;
    const line: TerminalLine = { text, segments };
    if (top !== 0 || bottom !== 0 || this.row !== 0) line.rows = { top, bottom, end: this.row };
    return line;
  }
}

/** Skips an OSC / DCS / APC / PM / SOS string up to BEL or ST (ESC \); unterminated: to the end. */
function skipString(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x07 || c === 0x9c) return i + 1;
    if (c === 0x1b && s[i + 1] === '\\') return i + 2;
  }
  return i;
}

/** Applies one SGR parameter list (`1;31`, `38;5;208`, `38:2::255:0:0`) to a style. */
export function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const s: MutableStyle = { ...current };
  const list = params === '' ? ['0'] : params.split(';');
  for (let k = 0; k < list.length; k++) {
    const parts = list[k].split(':');
    const code = parts[0] === '' ? 0 : Number(parts[0]);
    if (!Number.isInteger(code)) continue;
    if (code === 38 || code === 48 || code === 58) {
      let color: AnsiColor | undefined;
      if (parts.length > 1) {
        color = extendedColor(parts.slice(1), true);
      } else {
        const rest = list.slice(k + 1);
        const used = rest[0] === '5' ? 2 : rest[0] === '2' ? 4 : rest.length;
        color = extendedColor(rest.slice(0, used), false);
        k += used;
      }
      if (color !== undefined && code === 38) s.fg = color;
      if (color !== undefined && code === 48) s.bg = color;
      continue;
    }
    applyCode(s, code, parts);
  }
  return intern(s);
}

function applyCode(s: MutableStyle, code: number, parts: string[]): void {
  if (code === 0) {
    for (const key of Object.keys(s) as (keyof AnsiStyle)[]) delete s[key];
  } else if (code === 1) s.bold = true;
  else if (code === 2) s.dim = true;
  else if (code === 3) s.italic = true;
  else if (code === 4) s.underline = parts[1] !== '0';
  else if (code === 7) s.inverse = true;
  else if (code === 9) s.strike = true;
  else if (code === 21) s.underline = true;
  else if (code === 22) {
    delete s.bold;
    delete s.dim;
  } else if (code === 23) delete s.italic;
  else if (code === 24) delete s.underline;
  else if (code === 27) delete s.inverse;
  else if (code === 29) delete s.strike;
  else if (code >= 30 && code <= 37) s.fg = code - 30;
  else if (code === 39) delete s.fg;
  else if (code >= 40 && code <= 47) s.bg = code - 40;
  else if (code === 49) delete s.bg;
  else if (code >= 90 && code <= 97) s.fg = code - 90 + 8;
  else if (code >= 100 && code <= 107) s.bg = code - 100 + 8;
  if (!s.underline) delete s.underline;
}

/** `5;n` or `2;r;g;b` (colon form may carry a colour-space id before r). */
function extendedColor(p: string[], colon: boolean): AnsiColor | undefined {
  const num = (v: string | undefined) => {
    const x = Number(v);
    return v !== undefined && v !== '' && Number.isInteger(x) && x >= 0 && x <= 255 ? x : undefined;
  };
  if (p[0] === '5') return num(p[1]);
  if (p[0] === '2') {
    const channels = colon && p.length >= 5 ? p.slice(2, 5) : p.slice(1, 4);
    const [r, g, b] = channels.map(num);
    if (r === undefined || g === undefined || b === undefined) return undefined;
    return rgb(r, g, b);
  }
  return undefined;
}
