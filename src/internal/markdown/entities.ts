/** Character references in Markdown and in raw HTML attributes: numeric ones, and a short list of named ones. */

const ENTITY =
  /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp|copy|reg|mdash|ndash|hellip|laquo|raquo));/;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
};

/** The text of an ENTITY match: a code point out of range (or 0) reads as U+FFFD. */
function entityText(m: RegExpExecArray): string {
  if (m[3]) return NAMED[m[3]];
  const code = m[1] ? Number(m[1]) : Number.parseInt(m[2], 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}

/** The character reference at `s[at]`: its text and where it ends, or undefined. */
export function readEntity(s: string, at: number): [text: string, end: number] | undefined {
  const m = ENTITY.exec(s.slice(at));
  return m ? [entityText(m), at + m[0].length] : undefined;
}

/** `s` with its character references read. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]+);/g, (e) => {
    const m = ENTITY.exec(e);
    return m ? entityText(m) : e;
  });
}
