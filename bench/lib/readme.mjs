/** The "Performance" section at the end of README.md (the lead maintains everything above it). */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { markdownTable } from './table.mjs';

export async function writeReadmeSection({ when, machine, rows, notes = [] }) {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.search(/^## Performance\s*$/m);
  const before = (at >= 0 ? readme.slice(0, at) : readme).trimEnd();
  const section = [
    '## Performance',
    '',
    `Measured by \`npm run bench\` on ${when.slice(0, 10)}: ${machine}, on a machine shared with other work`,
    '(absolute times drift with its load; each baseline ran in the same browser session, so the ratios hold better).',
    'Each figure is the median of several runs with min and max beside it; ✓ / ✗ mark the performance budgets of',
    'the design document, and ✗ means over budget. Scroll figures are requestAnimationFrame deltas, which come in',
    'whole frames (16.7 ms at 60 Hz), so "≤ 16 ms" there means no dropped frame. Each file in `bench/` says at its',
    'top how its figures are taken; `bench/results.json` (not committed) holds every sample.',
    '',
    markdownTable(rows),
    '',
    'How the figures are taken:',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  // only this section is formatted (aligned table); the rest of the README is the lead's
  const options = { ...(await resolveConfig('README.md')), filepath: 'README.md' };
  writeFileSync('README.md', `${before}\n\n${await format(section, options)}`);
}
