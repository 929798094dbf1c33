import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decorate, findLinks, findMatches } from '../../../../src/elements/log-viewer/decorate.js';
import { parseTerminalLine, PLAIN } from '../../../../src/elements/log-viewer/ansi.js';
import { ansiColorCss, ansiStyleCss } from '../../../../src/elements/log-viewer/ansi-css.js';
import { applySgr, rgb } from '../../../../src/elements/log-viewer/ansi.js';

test('findLinks keeps http and https URLs only and trims trailing punctuation', () => {
  const text =
    'see https://wandb.ai/a/b?x=1, or (http://x.org/wiki/A_(b)). javascript:alert(1) ftp://f.org file:///etc';
  const links = findLinks(text);
  assert.deepEqual(
    links.map((l) => l.href),
    ['https://wandb.ai/a/b?x=1', 'http://x.org/wiki/A_(b)'],
  );
  assert.equal(text.slice(links[0].start, links[0].end), 'https://wandb.ai/a/b?x=1');
  assert.deepEqual(findLinks('https://"><script>'), []);
  assert.deepEqual(findLinks('no links here'), []);
});

test('findMatches finds every non-empty match, also for a non-global or empty-matching regex', () => {
  assert.deepEqual(findMatches('a loss, b LOSS', /loss/i), [
    { start: 2, end: 6 },
    { start: 10, end: 14 },
  ]);
  assert.deepEqual(findMatches('abc', /x*/), []);
  assert.deepEqual(findMatches('abc', undefined), []);
  assert.equal(findMatches('a'.repeat(5000), /a/, 10).length, 10);
});

test('decorate splits style runs at link and match boundaries', () => {
  const line = parseTerminalLine('\x1b[31merror\x1b[0m at https://x.io/p now');
  const links = findLinks(line.text);
  const matches = findMatches(line.text, /or at h/);
  const pieces = decorate(line.segments, links, matches);
  assert.equal(pieces.map((p) => p.text).join(''), line.text);
  assert.deepEqual(
    pieces.map((p) => [p.text, p.style.fg ?? null, p.href ?? null, p.match ?? false]),
    [
      ['err', 1, null, false],
      ['or', 1, null, true],
      [' at ', null, null, true],
      ['h', null, 'https://x.io/p', true],
      ['ttps://x.io/p', null, 'https://x.io/p', false],
      [' now', null, null, false],
    ],
  );
});

test('decorate stops at the display limit', () => {
  const pieces = decorate([{ text: 'abcdef', style: PLAIN }], [], [{ start: 1, end: 5 }], 3);
  assert.deepEqual(
    pieces.map((p) => [p.text, p.match ?? false]),
    [
      ['a', false],
      ['bc', true],
    ],
  );
});

test('ANSI colours become palette tokens, 256-colour and true colour literals', () => {
  assert.equal(ansiColorCss(1), 'var(--_ansi-1)');
  assert.equal(ansiColorCss(15), 'var(--_ansi-15)');
  assert.equal(ansiColorCss(4, 'bg'), 'var(--_ansi-bg-4)');
  assert.equal(ansiColorCss(196, 'bg'), 'rgb(255,0,0)');
  assert.equal(ansiColorCss(16), 'rgb(0,0,0)');
  assert.equal(ansiColorCss(196), 'rgb(255,0,0)');
  assert.equal(ansiColorCss(208), 'rgb(255,135,0)');
  assert.equal(ansiColorCss(232), 'rgb(8,8,8)');
  assert.equal(ansiColorCss(255), 'rgb(238,238,238)');
  assert.equal(ansiColorCss(rgb(1, 2, 255)), '#0102ff');
});

test('styles become inline CSS; inverse swaps colours, bold brightens base colours', () => {
  assert.equal(ansiStyleCss(PLAIN), '');
  assert.equal(ansiStyleCss(applySgr(PLAIN, '1;31')), 'color:var(--_ansi-9);font-weight:700');
  assert.equal(ansiStyleCss(applySgr(PLAIN, '7')), 'color:var(--_color-bg);background-color:var(--_color-fg)');
  assert.equal(ansiStyleCss(applySgr(PLAIN, '7;32;44')), 'color:var(--_ansi-bg-4);background-color:var(--_ansi-2)');
  assert.equal(
    ansiStyleCss(applySgr(PLAIN, '2;3;4;9')),
    'opacity:0.65;font-style:italic;text-decoration:underline line-through',
  );
});

test('every default ANSI colour is readable (WCAG AA) as text and under text, in light and dark', async () => {
  const { ANSI_BASE, ANSI_BG_PERCENT } = await import('../../../../src/elements/log-viewer/ansi-css.js');
  const { THEME_TOKENS } = await import('../../../../src/internal/theme.js');
  const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: number[], b: number[]) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  for (const scheme of [0, 1] as const) {
    const fg = hex(THEME_TOKENS['color-fg'][scheme]);
    const bg = hex(THEME_TOKENS['color-bg'][scheme]);
    ANSI_BASE.forEach(([hue, pct], i) => {
      // color-mix(in srgb, hue pct%, fg)
      const c = hex(hue).map((v, k) => (v * pct + fg[k] * (100 - pct)) / 100);
      assert.ok(contrast(c, bg) >= 4.5, `ansi-${i} in ${scheme ? 'dark' : 'light'}: ${contrast(c, bg).toFixed(2)}`);
      // As a background: color-mix(in srgb, hue ANSI_BG_PERCENT%, bg), under the default text.
      const b = hex(hue).map((v, k) => (v * ANSI_BG_PERCENT + bg[k] * (100 - ANSI_BG_PERCENT)) / 100);
      assert.ok(contrast(fg, b) >= 4.5, `ansi-bg-${i} in ${scheme ? 'dark' : 'light'}: ${contrast(fg, b).toFixed(2)}`);
    });
  }
});
