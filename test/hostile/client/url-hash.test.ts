/**
 * Malformed percent-encodings in the URL hash (`#%E0%A4%A`) and in links: what cannot be decoded
 * is ignored, never an uncaught URIError.
 */
import { expect } from '@open-wc/testing';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import {
  deepQueryAll,
  deepText,
  eventually,
  expectNoUncaught,
  mount,
  recordTrouble,
  settle,
  unmount,
} from './harness.js';
import { healthySource, READABLE, spoiled } from './hostile-sources.js';

const MALFORMED = '#%E0%A4%A';

function setHash(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

async function changeHash(hash: string): Promise<void> {
  const before = new URL(location.href);
  setHash(hash);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: before.href, newURL: location.href }));
  await settle(2);
}

describe('malformed percent-encodings in the URL hash', function () {
  this.timeout(20_000);
  afterEach(() => {
    setHash('');
    unmount();
  });

  it('<run-page> opens on the overview when the hash cannot be decoded', async () => {
    setHash(MALFORMED);
    const t = recordTrouble();
    try {
      const el = mount('run-page', healthySource(), { 'no-hash': null }) as RunPage;
      await eventually(() => deepText(el).includes(READABLE.runName));
      expect(el.tab).to.equal('overview');
      expect(deepText(el)).to.contain(READABLE.runName);
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<run-page> keeps its tab when the hash changes to one that cannot be decoded', async () => {
    setHash('#logs');
    const t = recordTrouble();
    try {
      const el = mount('run-page', healthySource(), { 'no-hash': null }) as RunPage;
      await settle();
      expect(el.tab).to.equal('logs');
      await changeHash(MALFORMED);
      expect(el.tab).to.equal('logs');
      // the readable part of a hash still counts
      await changeHash(`#files=/${MALFORMED.slice(1)}`);
      expect(el.tab).to.equal('files');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<file-browser> shows the root when its hash entry cannot be decoded', async () => {
    setHash(`#files=/checkpoints/${MALFORMED.slice(1)}`);
    const t = recordTrouble();
    try {
      const el = mount('file-browser', healthySource(), { 'no-hash': null });
      await eventually(() => deepText(el).includes(READABLE.file));
      expect(deepText(el)).to.contain(READABLE.file);
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<file-browser> ignores a hash key that cannot be decoded and follows later hash changes', async () => {
    setHash(`${MALFORMED}=/checkpoints/&files=/checkpoints/`);
    const t = recordTrouble();
    try {
      const el = mount('file-browser', healthySource(), { 'no-hash': null }) as unknown as HTMLElement & {
        path: string;
      };
      await eventually(() => el.path === 'checkpoints');
      expect(el.path).to.equal('checkpoints');
      await changeHash(`#files=${MALFORMED.slice(1)}`);
      await changeHash('#files=/');
      await eventually(() => el.path === '');
      expect(el.path).to.equal('');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<run-page> opens the files tab of a file-browser hash and survives a malformed one inside it', async () => {
    setHash('#files=/%E0%A4%A/');
    const t = recordTrouble();
    try {
      const el = mount('run-page', healthySource(), { 'no-hash': null }) as RunPage;
      await eventually(() => deepText(el).includes(READABLE.file));
      expect(el.tab).to.equal('files');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<run-overview> renders Markdown notes whose image links hold malformed escapes', async () => {
    const t = recordTrouble();
    try {
      const source = spoiled({
        getRun: (r) => ({
          ...r,
          notes:
            '**Bold** and <img src="https://example.invalid/plots/%E0%A4%A.png"> [a link](https://example.invalid/%E0%A4%A)',
        }),
      });
      const el = mount('run-overview', source);
      await eventually(() => deepQueryAll(el, '.notes strong').length > 0);
      expect(deepQueryAll(el, '.notes strong').map((s) => s.textContent)).to.deep.equal(['Bold']);
      const img = deepQueryAll(el, '.notes img')[0];
      expect(img?.getAttribute('alt')).to.equal('%E0%A4%A.png');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });
});
