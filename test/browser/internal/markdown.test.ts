import { expect, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import { markdown, markdownToFragment, mayNeedExtras } from '../../../src/internal/markdown.js';
import * as extras from '../../../src/internal/markdown/extras.js';

/** The rendered fragment (raw HTML tags and tables read) inside a detached div, for querying. */
function md(text: string, options = {}): HTMLDivElement {
  const div = document.createElement('div');
  div.append(markdownToFragment(text, options, document, extras));
  return div;
}

const pwned = () => (window as unknown as { __mdPwned?: number }).__mdPwned;

describe('markdown', () => {
  it('renders the common blocks', () => {
    const d = md(
      [
        '# Title ##',
        'Setext',
        '---',
        'a *para*graph',
        'on two lines  ',
        'with a hard break',
        '',
        '> quoted **strong**',
        '',
        '- one',
        '- two',
        '  - nested',
        '',
        '3. three',
        '4. four',
        '',
        '```python',
        'print("<b>")',
        '```',
        '',
        '    indented code',
        '',
        '***',
        '',
        '| a | b |',
        '|:--|--:|',
        '| 1 | `x|y` |',
      ].join('\n'),
    );
    expect(d.querySelector('h1')!.textContent).to.equal('Title');
    expect(d.querySelector('h2')!.textContent).to.equal('Setext');
    const p = d.querySelector('p')!;
    expect(p.querySelector('em')!.textContent).to.equal('para');
    expect(p.querySelector('br')).to.not.equal(null);
    expect(d.querySelector('blockquote strong')!.textContent).to.equal('strong');
    expect([...d.querySelectorAll(':scope > ul > li')].map((li) => li.firstChild!.textContent)).to.deep.equal([
      'one',
      'two',
    ]);
    expect(d.querySelector('ul ul li')!.textContent).to.equal('nested');
    expect(d.querySelector('ol')!.getAttribute('start')).to.equal('3');
    const code = d.querySelectorAll('pre code');
    expect(code[0].className).to.equal('language-python');
    expect(code[0].textContent).to.equal('print("<b>")\n');
    expect(d.querySelector('pre b')).to.equal(null);
    expect(code[1].textContent).to.equal('indented code\n');
    expect(d.querySelector('hr')).to.not.equal(null);
    expect([...d.querySelectorAll('th')].map((c) => c.textContent)).to.deep.equal(['a', 'b']);
    expect(d.querySelector('td')!.style.textAlign).to.equal('left');
    expect(d.querySelectorAll('td')[1].style.textAlign).to.equal('right');
  });

  it('renders inline spans, links, images and entities', () => {
    const d = md(
      '**b** _i_ ~~s~~ `c <i>` \\*not\\* [l](https://x.test/a "T") ![alt *x*](p/i.png) <https://y.test> www.z.test &amp; &#60; snake_case_name',
    );
    expect(d.querySelector('strong')!.textContent).to.equal('b');
    expect(d.querySelector('em')!.textContent).to.equal('i');
    expect(d.querySelector('del')!.textContent).to.equal('s');
    expect(d.querySelector('code')!.textContent).to.equal('c <i>');
    expect(d.textContent).to.contain('*not*');
    const [a, auto, www] = d.querySelectorAll('a');
    expect(a.getAttribute('href')).to.equal('https://x.test/a');
    expect(a.title).to.equal('T');
    expect(a.rel).to.equal('noopener noreferrer');
    expect(a.target).to.equal('_blank');
    expect(auto.getAttribute('href')).to.equal('https://y.test');
    expect(www.getAttribute('href')).to.equal('https://www.z.test');
    const img = d.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('p/i.png');
    expect(img.alt).to.equal('alt x');
    expect(d.textContent).to.contain('& <');
    expect(d.textContent).to.contain('snake_case_name');
  });

  it('moves headings by an offset, up to h6', () => {
    const d = md('# one\n\n###### six', { headingOffset: 4 });
    expect(d.querySelector('h5')!.textContent).to.equal('one');
    expect(d.querySelector('h6')!.textContent).to.equal('six');
    expect(d.querySelector('h1')).to.equal(null);
  });

  it('keeps harmless raw HTML tags and drops the rest, with the content of script-like ones', () => {
    const d = md(
      'a <b onclick="window.__mdPwned=1">bold</b> <kbd>k</kbd><br>' +
        '<script>window.__mdPwned=2</script><style>*{display:none}</style>' +
        '<iframe src="https://evil.test"></iframe><svg onload="window.__mdPwned=3"><circle/></svg>' +
        '<img src=x onerror="window.__mdPwned=4"><div style="position:fixed">div text</div><!-- hidden -->',
    );
    expect(d.querySelector('b')!.textContent).to.equal('bold');
    expect(d.querySelector('b')!.attributes.length).to.equal(0);
    expect(d.querySelector('kbd')!.textContent).to.equal('k');
    expect(d.querySelector('br')).to.not.equal(null);
    expect(d.querySelector('script, style, iframe, svg, div, [onerror], [onclick], [style]')).to.equal(null);
    expect(d.textContent).not.to.contain('__mdPwned');
    expect(d.textContent).not.to.contain('display:none');
    expect(d.textContent).not.to.contain('hidden');
    expect(d.textContent).to.contain('div text');
    expect(d.querySelector('img')!.getAttribute('alt')).to.equal('x');
    document.body.append(d);
    d.remove();
    expect(pwned()).to.equal(undefined);
  });

  it('links and loads only http(s), mailto and relative URLs, however they are disguised', () => {
    const hostile = [
      'javascript:window.__mdPwned=5',
      'JaVaScRiPt:window.__mdPwned=5',
      ' javascript:window.__mdPwned=5',
      'java\tscript:window.__mdPwned=5',
      '\u0001javascript:window.__mdPwned=5',
      'vbscript:msgbox(1)',
      'data:text/html,<script>window.__mdPwned=6</script>',
    ];
    for (const url of hostile) {
      const d = md(`[x](<${url}>) <a href="${url}">y</a> ![z](<${url}>) <img src="${url}">`);
      for (const a of d.querySelectorAll('a')) expect(a.hasAttribute('href'), url).to.equal(false);
      expect(d.querySelector('img'), url).to.equal(null);
    }
    const encoded = md('<a href="&#106;avascript:window.__mdPwned=7">e</a> <a href="&#x6A;avascript:1">f</a>');
    for (const a of encoded.querySelectorAll('a')) expect(a.hasAttribute('href')).to.equal(false);
    const ok = md('[m](mailto:a@b.test) [r](../x.md) <a href="https://ok.test">o</a>');
    expect([...ok.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'mailto:a@b.test',
      '../x.md',
      'https://ok.test',
    ]);
    expect(pwned()).to.equal(undefined);
  });

  it('shows markup-looking text as text, never as HTML', () => {
    const d = md('<<script>script>window.__mdPwned=8<</script>/script> 1 < 2 > 0 <not a tag');
    expect(d.querySelector('script')).to.equal(null);
    expect(d.textContent).to.contain('1 < 2 > 0 <not a tag');
  });

  // Each would take quadratic time or overflow the stack in a naive reader (the test's timeout catches the first).
  it('reads pathological input without rescans or unbounded nesting', () => {
    const inputs = [
      '['.repeat(50_000),
      '*a'.repeat(25_000),
      '_a_b'.repeat(12_500),
      '**'.repeat(25_000) + 'x',
      '#' + ' '.repeat(50_000) + 'x',
      'a' + ' '.repeat(50_000) + 'b\nc',
      '>'.repeat(50_000) + ' deep',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'),
      '<b>'.repeat(20_000) + 'x',
      'a ' + '`'.repeat(30_000),
      '<a href="' + ' '.repeat(50_000) + 'x">link</a>',
      '[a]('.repeat(20_000),
      '<a x="'.repeat(10_000),
    ];
    for (const input of inputs) expect(md(input).textContent!.length, input.slice(0, 20)).to.be.greaterThan(0);
    const depth = (e: Element | null): number => (e ? 1 + depth(e.querySelector(':scope > blockquote')) : 0);
    const quotes = md('>'.repeat(50_000) + ' deep');
    expect(depth(quotes.querySelector('blockquote'))).to.be.at.most(16);
    expect(quotes.textContent).to.contain('deep');
    expect(md('<b>'.repeat(20_000) + 'x').querySelectorAll('b').length).to.be.at.most(16);
  });

  it('shows raw HTML tags, tables, images and entities as text without the extras (their chunk could not load)', () => {
    const div = document.createElement('div');
    div.append(
      markdownToFragment('a <b onclick="x()">bold</b> **b** <!-- c --> &amp; ![i](x.png)\n\n| h |\n|---|\n| c |', {}),
    );
    expect(div.querySelector('b, table, img')).to.equal(null);
    expect(div.querySelector('strong')!.textContent).to.equal('b');
    expect([...div.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'a <b onclick="x()">bold</b> b <!-- c --> &amp; !i',
      '| h |\n|---|\n| c |',
    ]);
  });

  it('tells which texts may hold raw HTML or a table', () => {
    for (const text of [
      'a <b>x</b>',
      '</i>',
      '<!-- c -->',
      'see <https://x.test>',
      '| a |\n|---|',
      'R&amp;D',
      '![i](x)',
    ])
      expect(mayNeedExtras(text), text).to.equal(true);
    for (const text of ['1 < 2 > 0', 'a **b** [c](d)', '<', '<3', '- a\n- b', 'wow! [c](d)'])
      expect(mayNeedExtras(text), text).to.equal(false);
  });

  it('renders a text without tags or tables at once, and one with them once the extras are in', async () => {
    const plain = document.createElement('div');
    render(html`${markdown('a **b**')}`, plain);
    expect(plain.querySelector('strong')!.textContent).to.equal('b');
    const tagged = document.createElement('div');
    render(
      html`${markdown('a <kbd>k</kbd> <script>window.__mdPwned=9</script> &copy; ![pic](p/i.png)\n\n| h |\n|---|\n| c |')}`,
      tagged,
    );
    await waitUntil(() => tagged.querySelector('kbd'), 'the extras did not load');
    expect(tagged.querySelector('kbd')!.textContent).to.equal('k');
    expect(tagged.querySelector('td')!.textContent).to.equal('c');
    expect(tagged.querySelector('img')!.getAttribute('alt')).to.equal('pic');
    expect(tagged.textContent).to.contain('©');
    expect(tagged.querySelector('script')).to.equal(null);
    expect(tagged.textContent).not.to.contain('__mdPwned');
    // once in, the extras are used at once
    render(html`${markdown('<b>now</b>')}`, tagged);
    expect(tagged.querySelector('b')!.textContent).to.equal('now');
  });
});
