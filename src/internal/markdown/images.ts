/**
 * Markdown images, `![alt](url "title")`: loaded only from http(s) or relative URLs, and named by
 * their file when they have no alt.
 */
import { decodeComponent } from '../decode.js';
import { safeUrl } from './html-policy.js';
import { bracketed, unescape } from './inline.js';

/** The image whose `!` is at `s[at]`, appended to `into()` (after `flush()`); where it ends, or -1. */
export function readImage(
  doc: Document,
  s: string,
  at: number,
  pairs: Map<number, number>,
  into: () => Node,
  flush: () => void,
): number {
  const b = bracketed(s, at + 1, pairs);
  if (!b) return -1;
  flush();
  image(doc, b.url, plainText(b.text), b.title, into());
  return b.end;
}

function image(doc: Document, src: string, alt: string | undefined, title: string | undefined, parent: Node): void {
  const url = safeUrl(src, true);
  if (url === undefined) {
    if (alt) parent.appendChild(doc.createTextNode(alt));
    return;
  }
  const img = parent.appendChild(doc.createElement('img'));
  img.setAttribute('src', url);
  if (title) img.title = title;
  img.setAttribute('alt', alt ?? fileName(url));
}

/** The text of inline Markdown, for an image's alt. */
function plainText(s: string): string {
  return unescape(s.replace(/[*_~`]/g, ''));
}

/** An image without a text alternative is named by its file, as a screen reader would. */
export function fileName(src: string): string {
  const file = src.split(/[?#]/)[0].split('/').pop() || 'image';
  return decodeComponent(file) ?? file;
}
