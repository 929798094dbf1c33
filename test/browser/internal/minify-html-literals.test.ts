/**
 * The build's html`` indentation trim (scripts/minify-html-literals.mjs) renders as written: the
 * same template, trimmed and not, in the layouts the elements use around white space (text, a
 * nowrap toolbar, `pre-line`, a grid, and the rows of log lines and listings: flex rows with
 * `white-space: pre`), lays every element out in the same boxes with the same text.
 */
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { html as litHtml } from 'lit';

const { minifyHtmlPieces } = (await import(
  new URL('../../../scripts/minify-html-literals.mjs', import.meta.url).href
)) as { minifyHtmlPieces: (pieces: string[]) => string[] };

/** A lit template of `pieces` joined by `values`, as a tagged template literal would give it. */
function template(pieces: string[], values: unknown[]) {
  const strings = Object.assign([...pieces], { raw: [...pieces] }) as unknown as TemplateStringsArray;
  return litHtml(strings, ...values);
}

const CONTEXTS: Record<string, string> = {
  text: 'display:block; width:240px',
  nowrap: 'display:block; white-space:nowrap',
  'pre-line': 'display:block; white-space:pre-line; width:240px',
  grid: 'display:grid; grid-template-columns:auto auto',
};

// written the way the elements' templates are: indented, expressions in text, attributes and tags
const PIECES = [
  `
    <span class="a" title="kept
      as written">
      first words
      ${''}</span>
    <button
      type="button"
      aria-label=`,
  `>
      <b>bold</b> <i>italic</i>
    </button>
    <span>`,
  `</span>
  `,
];

// a log line or listing row (log-line.ts, previews/lines.ts): a flex row that keeps white space
const ROW = [
  `<div class="line" style="display:flex; white-space:pre; gap:4px">
    <span class="gutter"
      ><span class="mark"></span><span class="num">`,
  `</span></span
    >
    <span class="text">`,
  `</span>
  </div>`,
];

function boxes(root: HTMLElement): string[] {
  return [root, ...root.querySelectorAll<HTMLElement>('*')].map((e) => {
    const r = e.getBoundingClientRect();
    return `${e.tagName} ${r.x} ${r.y} ${r.width} ${r.height} ${e.innerText}`;
  });
}

describe('minify-html-literals', () => {
  it('changes the template text', () => {
    expect(minifyHtmlPieces(PIECES)).to.not.deep.equal(PIECES);
  });

  /** Renders `pieces` as written and trimmed into two hosts styled `style`, and returns both hosts. */
  function renderBoth(pieces: string[], values: unknown[], style: string): [HTMLElement, HTMLElement] {
    const hosts = [pieces, minifyHtmlPieces(pieces)].map((p) => {
      const host = document.createElement('div');
      host.setAttribute('style', `${style}; position:absolute; left:0; top:0; font:16px monospace`);
      document.body.append(host);
      render(template(p, values), host);
      return host;
    });
    return [hosts[0], hosts[1]];
  }

  for (const [name, style] of Object.entries(CONTEXTS)) {
    it(`lays out a trimmed template as the original in ${name}`, () => {
      const [original, trimmed] = renderBoth(PIECES, ['Close', 'tail'], style);
      try {
        expect(boxes(trimmed)).to.deep.equal(boxes(original));
        expect(trimmed.querySelector('span')!.title).to.equal(original.querySelector('span')!.title);
        expect(trimmed.querySelector('button')!.getAttribute('aria-label')).to.equal('Close');
      } finally {
        original.remove();
        trimmed.remove();
      }
    });
  }

  it('lays out a trimmed flex row that keeps white space as the original', () => {
    expect(minifyHtmlPieces(ROW)).to.not.deep.equal(ROW);
    const [original, trimmed] = renderBoth(ROW, [12, '  indented  log text'], 'display:block; width:600px');
    try {
      expect(boxes(trimmed)).to.deep.equal(boxes(original));
      expect(trimmed.querySelector('.text')!.textContent).to.equal('  indented  log text');
    } finally {
      original.remove();
      trimmed.remove();
    }
  });
});
