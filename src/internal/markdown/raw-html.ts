/**
 * The raw HTML tags and comments in Markdown: a short list of harmless tags becomes elements with
 * a short list of attributes (links and images only with the URLs `html-policy.ts` allows); every
 * other tag is left out, and the content of script-like ones with it. Part of the extras chunk
 * (extras.ts), loaded the first time a text may hold a tag: most notes have none.
 */
import { decodeEntities } from './entities.js';
import { finishLink, safeUrl } from './html-policy.js';
import { fileName } from './images.js';
import { MAX_DEPTH } from './inline.js';

/** Tags kept from raw HTML, each with the attributes it keeps. */
const KEPT_TAGS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  s: [],
  del: [],
  ins: [],
  mark: [],
  small: [],
  sub: [],
  sup: [],
  code: [],
  kbd: [],
  span: [],
  abbr: ['title'],
  br: [],
};
const VOID_TAGS = new Set([
  'br',
  'img',
  'hr',
  'wbr',
  'input',
  'meta',
  'link',
  'source',
  'embed',
  'col',
  'area',
  'base',
]);
/** Tags whose content is no text for a reader: left out with them. */
const DROPPED_WITH_CONTENT =
  /^(?:script|style|template|textarea|title|iframe|noscript|noembed|noframes|xmp|object|svg|math|select)$/;

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const COMMENT = /^<!--[\s\S]*?-->/;

/**
 * Reads the raw HTML tag or comment at `s[at]` (a `<`): a kept tag is appended to `into()` (after
 * `flush()` writes the text before it) and, unless void, pushed on `open` for the text after it; a
 * closing tag closes the innermost open element of its name. Returns where it ends, or -1 when no
 * tag or comment starts there.
 */
export function readRawHtml(
  doc: Document,
  s: string,
  at: number,
  open: Element[],
  into: () => Node,
  flush: () => void,
): number {
  const rest = s.slice(at);
  const comment = COMMENT.exec(rest);
  if (comment) return at + comment[0].length;
  const tag = TAG.exec(rest);
  if (!tag) return -1;
  flush();
  const end = at + tag[0].length;
  const name = tag[2].toLowerCase();
  if (tag[1]) {
    for (let k = open.length - 1; k >= 0; k--)
      if (open[k].localName === name) {
        open.length = k;
        break;
      }
  } else if (name in KEPT_TAGS && open.length < MAX_DEPTH) {
    const e = into().appendChild(doc.createElement(name));
    for (const [, key, ...values] of tag[3].matchAll(ATTR)) {
      const attr = key.toLowerCase();
      if (!KEPT_TAGS[name].includes(attr)) continue;
      const value = decodeEntities(values.find((v) => v !== undefined) ?? '');
      const url = attr === 'href' || attr === 'src' ? safeUrl(value, attr === 'src') : value;
      if (url !== undefined) e.setAttribute(attr, url);
    }
    if (name === 'a') finishLink(e);
    if (name === 'img') {
      if (!e.hasAttribute('src')) e.remove();
      else if (!e.hasAttribute('alt')) e.setAttribute('alt', fileName(e.getAttribute('src')!));
    }
    if (!VOID_TAGS.has(name) && !tag[0].endsWith('/>')) open.push(e);
  } else if (DROPPED_WITH_CONTENT.test(name)) {
    return skipContent(s, end, name);
  }
  return end;
}

/** The raw HTML of `s` from `at` that is left out with a script-like tag: up to its closing tag. */
function skipContent(s: string, at: number, name: string): number {
  const close = new RegExp(`</${name}\\s*>`, 'i').exec(s.slice(at));
  return close ? at + close.index + close[0].length : s.length;
}
