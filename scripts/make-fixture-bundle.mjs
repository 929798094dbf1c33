// Writes test/pages/fixtures/sample.runpage.json, the bundle the embedding test pages load with src=.
//   node scripts/make-fixture-bundle.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const { fixtureBundleJson, FIXTURE_BUNDLE_PATH } = await tsImport('../test/fixtures/sample-bundle.ts', import.meta.url);
const json = fixtureBundleJson();
mkdirSync(dirname(FIXTURE_BUNDLE_PATH), { recursive: true });
writeFileSync(FIXTURE_BUNDLE_PATH, json);
console.log(`wrote ${FIXTURE_BUNDLE_PATH} (${Math.round(json.length / 1024)} KB)`);
