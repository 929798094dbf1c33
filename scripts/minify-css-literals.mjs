/**
 * A rollup plugin that minifies the text of lit `css` tagged templates: comments go, indentation
 * goes, runs of spaces become one, and spaces next to `{`, `}`, `;` and `,` go. Every line break
 * stays, so the code around each template does not move and source maps stay right without a new
 * map (rollup keeps the previous one when a transform returns `map: null`).
 *
 * Only what cannot change a rule's meaning is touched: spaces next to `:` or `>` stay (`a :hover`
 * is not `a:hover`), and a space at either end of a piece that borders a `${…}` stays one space.
 */

/** The minified raw text of one static piece of a css`` template. */
export function minifyCssPiece(raw) {
  return raw
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .replace(/[ \t\f\r]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, (run) => '\n'.repeat(run.split('\n').length - 1))
    .replace(/[ \n]*([{};,])[ \n]*/g, (m, c) => c + m.replace(/[^\n]/g, ''))
    .replace(/;(\n*)}/g, '$1}');
}

/** Where each `css` tagged template's static pieces are, in an ESTree program. */
function cssQuasis(ast) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'css') {
      found.push(...node.quasi.quasis);
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return found;
}

export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\bcss`/.test(code)) return null;
      const quasis = cssQuasis(this.parse(code));
      if (quasis.length === 0) return null;
      let out = '';
      let at = 0;
      for (const q of quasis.sort((a, b) => a.start - b.start)) {
        // a TemplateElement spans its raw text only (between ` or } and ${ or `)
        out += code.slice(at, q.start) + minifyCssPiece(code.slice(q.start, q.end));
        at = q.end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}
