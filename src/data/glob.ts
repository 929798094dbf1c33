/**
 * Glob patterns as regular expressions, the one copy for file-name filters and metric-key
 * selections: `*` any run of characters, `?` one character, `[abc]` / `[!abc]` a class, the rest
 * literal. The whole text must match.
 */
export interface GlobOptions {
  /** `*` and `?` do not cross this character; `**` does (`train/*` vs `system/**`). */
  separator?: string;
  /** Letters match in either case. */
  ignoreCase?: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function globToRegExp(glob: string, o: GlobOptions = {}): RegExp {
  const notSep = o.separator ? `[^${escape(o.separator)}]` : '.';
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && o.separator && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += `${notSep}*`;
    else if (c === '?') out += notSep;
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += escape(c);
  }
  const flags = o.ignoreCase ? 'is' : 's';
  try {
    return new RegExp(`^${out}$`, flags);
  } catch {
    // An odd class such as [z-a]: match the text literally rather than fail.
    return new RegExp(`^${escape(glob)}$`, flags);
  }
}
