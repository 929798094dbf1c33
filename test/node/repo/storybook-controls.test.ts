/**
 * Storybook's props tables (.storybook/manifest-controls.ts): no private or protected members, and
 * a control on every public property a user can set, of the kind its type calls for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  controlFor,
  publicManifest,
  withPropertyControls,
  type Manifest,
} from '../../../.storybook/manifest-controls.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;

test('controls follow the property type', () => {
  assert.deepEqual(controlFor('boolean'), { type: 'boolean' });
  assert.deepEqual(controlFor('number | undefined'), { type: 'number' });
  assert.deepEqual(controlFor('string | undefined'), { type: 'text' });
  assert.deepEqual(controlFor("'shown' | 'hidden'"), { type: 'select', options: ['shown', 'hidden'] });
  assert.deepEqual(controlFor('ThemeName | undefined'), { type: 'text' });
  assert.deepEqual(controlFor('RunSource | undefined'), { type: 'object' });
  assert.deepEqual(controlFor('string[] | Record<string, string> | undefined'), { type: 'object' });
  assert.equal(controlFor('(x: number) => string[] | undefined'), undefined);
});

test('the manifest Storybook reads keeps public members only', () => {
  const shown = publicManifest(manifest);
  const members = shown.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => d.members ?? []);
  assert.ok(members.length > 50);
  assert.deepEqual(
    members.filter((m) => m.privacy === 'private' || m.privacy === 'protected' || m.static).map((m) => m.name),
    [],
  );
  const before = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => d.members ?? []);
  assert.ok(
    before.some((m) => m.privacy === 'private'),
    'the analyzer does list private members',
  );
});

test('every settable public property of every element gets a control', () => {
  const shown = publicManifest(manifest);
  for (const decl of shown.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName)) {
    const argTypes = withPropertyControls<Record<string, { control?: unknown }>>({}, shown, decl.tagName!);
    for (const m of (decl.members ?? []).filter((x) => x.kind === 'field' && !x.readonly)) {
      const control = argTypes[m.name]?.control;
      if (m.type?.text?.includes('=>')) assert.equal(control, false, `${decl.tagName}.${m.name} is a function`);
      else assert.ok(control && typeof control === 'object', `${decl.tagName}.${m.name} has a control`);
    }
  }
});
