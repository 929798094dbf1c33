/**
 * A rollup plugin that minifies the text of lit `css` tagged templates: comments go, indentation
 * goes, runs of spaces become one, and spaces next to `{`, `}`, `;` and `,` go. Every line break
 * stays, so the code around each template does not move and source maps stay right without a new
 * map (rollup keeps the previous one when a transform returns `map: null`).
 *
 * Only what cannot change a rule's meaning is touched: spaces next to `:` or `>` stay (`a :hover`
 * is not `a:hover`), and a space at either end of a piece that borders a `${…}` stays one space.
 */
import { replaceTemplatePieces, taggedTemplates } from './tagged-templates.mjs';

/** The minified raw text of one static piece of a css`` template. */
export function minifyCssPiece(raw) {
  return raw
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .replace(/[ \t\f\r]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, (run) => '\n'.repeat(run.split('\n').length - 1))
    .replace(/[ \n]*([{};,])[ \n]*/g, (m, c) => c + m.replace(/[^\n]/g, ''))
    .replace(/;(\n*)}/g, '$1}');
}

export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\bcss`/.test(code)) return null;
      return replaceTemplatePieces(code, taggedTemplates(this.parse(code), ['css']), (pieces) =>
        pieces.map(minifyCssPiece),
      );
    },
  };
}
