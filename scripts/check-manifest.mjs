// Fails when custom-elements.json no longer matches what the analyzer produces from src/.
// The analyzer writes where its config says (the repo root), so the committed file is set aside,
// compared with the fresh one, and put back either way; package.json (whose "customElements" the
// analyzer may rewrite) is restored too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const MANIFEST = 'custom-elements.json';
const committed = existsSync(MANIFEST) ? readFileSync(MANIFEST, 'utf8') : '';
const packageJson = readFileSync('package.json', 'utf8');
let fresh;
try {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  fresh = readFileSync(MANIFEST, 'utf8');
} finally {
  writeFileSync(MANIFEST, committed);
  writeFileSync('package.json', packageJson);
}
// A field of HTMLElement listed as an element's own (a phantom from `this.someChild.hidden = …` in a
// constructor, or a property that shadows a global attribute) leaks into the JSX types and docs.
const BUILTINS = new Set(['hidden', 'className', 'id', 'title', 'style', 'slot', 'dir', 'lang', 'tabIndex', 'inert']);
const phantoms = [];
for (const mod of JSON.parse(fresh).modules ?? []) {
  for (const d of mod.declarations ?? []) {
    if (!d.tagName) continue;
    for (const m of d.members ?? []) {
      const visible = m.privacy !== 'private' && m.privacy !== 'protected';
      if (visible && BUILTINS.has(m.name) && !m.deprecated) phantoms.push(`<${d.tagName}>.${m.name}`);
    }
  }
}
if (phantoms.length) {
  console.error(`Elements list HTMLElement fields as their own: ${phantoms.join(', ')}.`);
  process.exit(1);
}
if (fresh.trim() !== committed.trim()) {
  console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
  process.exit(1);
}
console.log('custom-elements.json is up to date.');
