/** Unified diffs (`git diff`, `diff -u`, W&B's diff.patch) as files, hunks and numbered lines. */

export type DiffLineType = 'add' | 'del' | 'context' | 'hunk' | 'meta';

export interface DiffLine {
  type: DiffLineType;
  text: string;
  /** Line number in the old file (deleted and context lines). */
  old?: number;
  /** Line number in the new file (added and context lines). */
  new?: number;
}

export interface DiffFile {
  /** `a/src/x.py → b/src/x.py`, or the one path when both are the same. */
  title: string;
  /** Header lines (diff --git, index, ---, +++, rename…). */
  header: string[];
  lines: DiffLine[];
  added: number;
  removed: number;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function stripPrefix(p: string): string {
  const path = p.split('\t')[0].trim();
  return path.replace(/^[ab]\//, '');
}

export function parseUnifiedDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  // Lines left in the current hunk, from its header; a hunk ends when both reach 0.
  let oldLeft = 0;
  let newLeft = 0;
  const start = (header: string[]): DiffFile => {
    const f: DiffFile = { title: '', header, lines: [], added: 0, removed: 0 };
    files.push(f);
    file = f;
    inHunk = false;
    return f;
  };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('diff ')) {
      start([line]);
      const m = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
      if (m) file!.title = m[1] === m[2] ? m[1] : `${m[1]} → ${m[2]}`;
      continue;
    }
    if (!inHunk && line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      if (!file || file.lines.length) start([line]);
      else file.header.push(line);
      const next = lines[++i].replace(/\r$/, '');
      file!.header.push(next);
      const a = stripPrefix(line.slice(4));
      const b = stripPrefix(next.slice(4));
      if (!file!.title) file!.title = a === b || a === '/dev/null' ? b : b === '/dev/null' ? a : `${a} → ${b}`;
      inHunk = false;
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      if (!file) start([]);
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[3]);
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      inHunk = oldLeft > 0 || newLeft > 0;
      file!.lines.push({ type: 'hunk', text: line });
      continue;
    }
    const f = file ?? start([]);
    if (!inHunk) {
      if (f.lines.length === 0) f.header.push(line);
      else f.lines.push({ type: 'meta', text: line });
      continue;
    }
    const c = line[0];
    if (c === '+') {
      f.lines.push({ type: 'add', text: line, new: newNo++ });
      f.added++;
      newLeft--;
    } else if (c === '-') {
      f.lines.push({ type: 'del', text: line, old: oldNo++ });
      f.removed++;
      oldLeft--;
    } else if (c === ' ' || line === '') {
      f.lines.push({ type: 'context', text: line, old: oldNo++, new: newNo++ });
      oldLeft--;
      newLeft--;
    } else f.lines.push({ type: 'meta', text: line });
    if (oldLeft <= 0 && newLeft <= 0) inHunk = false;
  }
  for (const f of files) if (!f.title) f.title = f.header[0] ?? '';
  return files;
}
