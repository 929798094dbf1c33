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
if (fresh.trim() !== committed.trim()) {
  console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
  process.exit(1);
}
console.log('custom-elements.json is up to date.');
