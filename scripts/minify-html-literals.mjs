/**
 * A rollup plugin that drops the indentation of lit `html` and `svg` tagged templates: in a run of
 * white space that holds a line break, between two tags (or a tag and an expression) or between
 * the attributes of a tag, the spaces and tabs go and the line breaks stay. Every line break stays,
 * so the code around each template does not move and source maps stay right without a new map (as
 * in minify-css-literals.mjs).
 *
 * Where white space collapses, a run of spaces and line breaks shows as one space, like one line
 * break, so the page looks the same. Left as written: text with anything but white space in it,
 * the text of `<pre>`, `<textarea>`, `<style>` and `<script>`, quoted attribute values (`title`,
 * `placeholder`… show theirs), comments, and templates whose pieces the scanner cannot follow (a
 * quote or comment left open). Elements that keep white space through CSS (`white-space: pre`) are
 * flex rows, where white space between two tags does not render, or hold one line of text.
 */
import { replaceTemplatePieces, taggedTemplates } from './tagged-templates.mjs';

/** Elements whose text keeps its white space (or is not HTML text). */
const KEEP_TEXT = new Set(['pre', 'textarea', 'style', 'script']);

const squeeze = (run) => run.replace(/[^\n]/g, '');
const INDENTED = /[ \t\f\r]*\n[ \t\f\r\n]*/g;

/**
 * The minified raw text of a template's static pieces, in order (a template `a${x}b` has pieces
 * `a` and `b`). Returns the pieces unchanged when they do not scan as HTML.
 */
export function minifyHtmlPieces(pieces) {
  let state = 'text'; // 'text' | 'tag' | 'quote' | 'comment'
  let quote = '';
  let tagName = '';
  let closing = false;
  let keepUntil = ''; // inside <pre>…: the tag name whose end tag ends it
  const out = [];
  for (const piece of pieces) {
    let result = '';
    let i = 0;
    while (i < piece.length) {
      const c = piece[i];
      if (state === 'comment') {
        const end = piece.indexOf('-->', i);
        if (end < 0) {
          result += piece.slice(i);
          break;
        }
        result += piece.slice(i, end + 3);
        i = end + 3;
        state = 'text';
      } else if (state === 'quote') {
        const end = piece.indexOf(quote, i);
        if (end < 0) {
          result += piece.slice(i);
          break;
        }
        result += piece.slice(i, end + 1);
        i = end + 1;
        state = 'tag';
      } else if (state === 'tag') {
        if (c === '"' || c === "'") {
          state = 'quote';
          quote = c;
          result += c;
          i++;
        } else if (c === '>') {
          state = 'text';
          if (!closing && KEEP_TEXT.has(tagName)) keepUntil = tagName;
          else if (closing && tagName === keepUntil) keepUntil = '';
          result += c;
          i++;
        } else {
          const ws = /^[ \t\f\r\n]+/.exec(piece.slice(i));
          if (ws) {
            result += ws[0].includes('\n') ? squeeze(ws[0]) : ws[0];
            i += ws[0].length;
          } else {
            result += c;
            i++;
          }
        }
      } else {
        // text
        if (piece.startsWith('<!--', i)) {
          state = 'comment';
          result += '<!--';
          i += 4;
          continue;
        }
        const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(piece.slice(i));
        if (tag) {
          state = 'tag';
          closing = tag[1] === '/';
          tagName = tag[2].toLowerCase();
          result += tag[0];
          i += tag[0].length;
          continue;
        }
        const next = piece.slice(i).search(/<|$/);
        const text = piece.slice(i, i + Math.max(next, 1));
        result += keepUntil || /\S/.test(text) ? text : text.replace(INDENTED, squeeze);
        i += text.length;
      }
    }
    out.push(result);
  }
  // a quote or comment still open at the end: something the scanner did not follow
  return state === 'text' || state === 'tag' ? out : pieces;
}

export function minifyHtmlLiterals() {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\b(html|svg)`/.test(code)) return null;
      return replaceTemplatePieces(code, taggedTemplates(this.parse(code), ['html', 'svg']), minifyHtmlPieces);
    },
  };
}
