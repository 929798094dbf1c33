/**
 * What the template-minifying rollup plugins share: finding lit's tagged templates in a module's
 * ESTree and putting new text in place of their static pieces. Each plugin only says how a piece
 * is minified.
 */

/** The quasis (static pieces) of each template tagged by one of `tags`, one array per template. */
export function taggedTemplates(ast, tags) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && tags.includes(node.tag.name)) {
      found.push(node.quasi.quasis);
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

/**
 * A rollup transform result with each template's pieces replaced by `minify(pieces)` (the raw
 * texts of one template's quasis, in order → as many new texts), or null when `code` has none.
 * The map stays the previous one: the plugins keep every line break, so nothing moves a line.
 */
export function replaceTemplatePieces(code, templates, minify) {
  const edits = [];
  for (const quasis of templates) {
    const pieces = minify(quasis.map((q) => code.slice(q.start, q.end)));
    quasis.forEach((q, k) => edits.push({ start: q.start, end: q.end, text: pieces[k] }));
  }
  if (edits.length === 0) return null;
  let out = '';
  let at = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    // a TemplateElement spans its raw text only (between ` or } and ${ or `)
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { code: out + code.slice(at), map: null };
}
