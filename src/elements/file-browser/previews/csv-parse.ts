/** CSV/TSV (RFC 4180 quoting) parsed incrementally, so "load more" appends rows. */

export class DelimitedParser {
  readonly rows: string[][] = [];
  private pending = '';

  constructor(private readonly delimiter: string) {}

  /**
   * Adds text; complete rows are parsed, a trailing incomplete row waits for more text unless
   * `final`. A quote left open at the end of the file closes there.
   */
  push(text: string, final: boolean): void {
    const input = this.pending + text;
    const end = final ? input.length : lastRowEnd(input);
    parseRows(input.slice(0, end), this.delimiter, this.rows);
    this.pending = input.slice(end);
  }

  get columnCount(): number {
    let n = 0;
    for (const r of this.rows) if (r.length > n) n = r.length;
    return n;
  }
}

/** Index just past the last newline that is not inside quotes. */
function lastRowEnd(text: string): number {
  let quoted = false;
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === 10 /* \n */ && !quoted) end = i + 1;
  }
  return end;
}

function parseRows(text: string, delimiter: string, out: string[][]): void {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
}
