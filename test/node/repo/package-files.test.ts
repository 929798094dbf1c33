/**
 * What `npm publish` would ship, as `npm pack --dry-run --json` lists it: the built library
 * (dist/), the CLI (bin/), the docs, README, LICENSE and the editor data, and nothing else: no
 * sources, tests, stories, the demo build or the source maps of the script-tag builds' lazy chunks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const ALLOWED = [
  /^dist\/(?!demo\/)(?!(bundle|autoload)-chunks\/.*\.map$).+\.(js|d\.ts|js\.map|d\.ts\.map)$/,
  /^bin\/runpage\.js$/,
  /^docs\/[\w.-]+\.(md|png)$/,
  /^(README\.md|LICENSE|package\.json|custom-elements\.json|vscode\.html-custom-data\.json|web-types\.json)$/,
];
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'bin/runpage.js', 'custom-elements.json', 'docs/protocol.md'];

function packedFiles(dir: string): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}

test('the package ships dist/, bin/, docs and the top-level files only', () => {
  const files = packedFiles(ROOT);
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files outside dist/, bin/ and the docs');
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is published`);
});

test('a built tree: the demo build and the lazy chunks’ source maps stay out, the library’s maps ship', () => {
  // The same package.json over a tree shaped like `npm run build`'s output, so this holds without a build.
  const dir = mkdtempSync(join(tmpdir(), 'runpage-pack-'));
  try {
    const tree = [
      'dist/index.js',
      'dist/index.js.map',
      'dist/index.d.ts',
      'dist/react.js',
      'dist/runpage.bundle.js',
      'dist/runpage.bundle.js.map',
      'dist/bundle-chunks/marked.esm-abc.js',
      'dist/bundle-chunks/marked.esm-abc.js.map',
      'dist/runpage.autoload.js',
      'dist/runpage.autoload.js.map',
      'dist/autoload-chunks/define-metric-chart-abc.js',
      'dist/autoload-chunks/define-metric-chart-abc.js.map',
      'dist/demo/main.js',
      'dist/demo/main.js.map',
      'bin/runpage.js',
      'src/index.ts',
      'test/node/x.test.ts',
      'stories/x.stories.ts',
      'demo/index.html',
      'README.md',
      'LICENSE',
      'docs/protocol.md',
      'custom-elements.json',
    ];
    for (const f of tree) {
      mkdirSync(join(dir, dirname(f)), { recursive: true });
      writeFileSync(join(dir, f), '\n');
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete pkg.workspaces;
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    copyFileSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSE'));
    assert.deepEqual(packedFiles(dir), [
      'LICENSE',
      'README.md',
      'bin/runpage.js',
      'custom-elements.json',
      'dist/autoload-chunks/define-metric-chart-abc.js',
      'dist/bundle-chunks/marked.esm-abc.js',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'dist/react.js',
      'dist/runpage.autoload.js',
      'dist/runpage.autoload.js.map',
      'dist/runpage.bundle.js',
      'dist/runpage.bundle.js.map',
      'docs/protocol.md',
      'package.json',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json names the licence, the repository and where to report bugs', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    license: string;
    repository?: { url?: string };
    homepage?: string;
    bugs?: { url?: string };
    keywords?: string[];
  };
  assert.equal(pkg.license, 'MIT');
  assert.match(
    readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
    /^MIT License\n\nCopyright \(c\) \d{4} runpage contributors\n/,
  );
  assert.match(pkg.repository?.url ?? '', /^git\+https:\/\//);
  assert.match(pkg.homepage ?? '', /^https:\/\//);
  assert.match(pkg.bugs?.url ?? '', /^https:\/\//);
  assert.ok((pkg.keywords ?? []).includes('web-components'));
});
