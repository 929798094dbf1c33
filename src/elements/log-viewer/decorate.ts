/**
 * Cuts a parsed line into the pieces the viewer draws: style runs, further split where a link or a
 * search match starts or ends. Pure: no DOM.
 */
import type { AnsiStyle, StyledSegment } from './ansi.js';

export interface Range {
  start: number;
  end: number;
}

export interface LinkRange extends Range {
  href: string;
}

export interface Piece {
  text: string;
  style: AnsiStyle;
  href?: string;
  match?: boolean;
}

// http(s) URLs up to whitespace, quotes or angle brackets; trailing punctuation is trimmed below.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f]+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;

/** http and https URLs in `text` (nothing else becomes a link). */
export function findLinks(text: string): LinkRange[] {
  if (!text.includes('http')) return [];
  const out: LinkRange[] = [];
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    let url = m[0];
    const trail = TRAILING.exec(url);
    // Keep a closing bracket when the URL holds its opening one (Wikipedia-style links).
    if (trail) {
      let cut = trail[0];
      if (cut.startsWith(')') && url.slice(0, -cut.length).includes('(')) cut = cut.slice(1);
      url = url.slice(0, url.length - cut.length);
    }
    if (!isHttpUrl(url)) continue;
    out.push({ start: m.index, end: m.index + url.length, href: url });
  }
  return out;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Every non-empty match of `re` (made global) in `text`; at most `max` of them. */
export function findMatches(text: string, re: RegExp | undefined, max = 1000): Range[] {
  if (!re) return [];
  const g = re.global ? re : new RegExp(re.source, re.flags + 'g');
  g.lastIndex = 0;
  const out: Range[] = [];
  for (let m = g.exec(text); m && out.length < max; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Splits `segments` (covering `0..limit` of the line) at every link and match boundary. */
export function decorate(
  segments: readonly StyledSegment[],
  links: readonly LinkRange[],
  matches: readonly Range[],
  limit = Infinity,
): Piece[] {
  const cuts = new Set<number>();
  for (const r of links) cuts.add(r.start).add(r.end);
  for (const r of matches) cuts.add(r.start).add(r.end);
  const sortedCuts = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let offset = 0;
  let ci = 0;
  let li = 0;
  let mi = 0;
  for (const seg of segments) {
    if (offset >= limit) break;
    const segEnd = Math.min(offset + seg.text.length, limit);
    let pos = offset;
    while (pos < segEnd) {
      while (ci < sortedCuts.length && sortedCuts[ci] <= pos) ci++;
      const end = Math.min(segEnd, ci < sortedCuts.length ? sortedCuts[ci] : segEnd);
      while (li < links.length && links[li].end <= pos) li++;
      while (mi < matches.length && matches[mi].end <= pos) mi++;
      const piece: Piece = { text: seg.text.slice(pos - offset, end - offset), style: seg.style };
      const link = links[li];
      if (link && link.start <= pos && pos < link.end) piece.href = link.href;
      const match = matches[mi];
      if (match && match.start <= pos && pos < match.end) piece.match = true;
      pieces.push(piece);
      pos = end;
    }
    offset += seg.text.length;
  }
  return pieces;
}
