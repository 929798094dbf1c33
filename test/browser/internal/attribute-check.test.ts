import { expect, fixture, html } from '@open-wc/testing';
import { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { ModelTable } from '../../../src/elements/model-table/model-table.js';
import { orList } from '../../../src/internal/attribute-check.js';
import { pendingSource } from '../helpers/sources.js';

// Registered under a prefix, as defineElements({ prefix }) does: warnings must name these tags.
customElements.define('zz-log-viewer', class extends LogViewer {});
customElements.define('zz-system-panel', class extends SystemPanel {});
customElements.define('zz-model-table', class extends ModelTable {});

async function warningsOf(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('attribute warnings', () => {
  it('name the element as registered, the attribute, the value and the fallback', async () => {
    const source = pendingSource();
    const warnings = await warningsOf(async () => {
      const log = await fixture<LogViewer>(html`<zz-log-viewer .source=${source} stream="both"></zz-log-viewer>`);
      const panel = await fixture<SystemPanel>(
        html`<zz-system-panel .source=${source} x-axis="minutes"></zz-system-panel>`,
      );
      const table = await fixture<ModelTable>(html`<zz-model-table .source=${source} sort="up"></zz-model-table>`);
      const theme = await fixture<ModelTable>(html`<zz-model-table .source=${source} theme="sepia"></zz-model-table>`);
      await Promise.all([log, panel, table, theme].map((el) => el.updateComplete));
      expect([log.stream, panel.xAxis, table.sort]).to.deep.equal(['all', 'relative', 'none']);
    });
    expect(warnings).to.deep.equal([
      '<zz-log-viewer>: stream="both" is not all, stdout or stderr; showing all streams.',
      '<zz-system-panel>: x-axis="minutes" is not relative or wallclock; using relative.',
      '<zz-model-table>: sort="up" is not none, desc or asc; using none.',
      '<zz-model-table>: theme="sepia" is not light, dark or auto; using the inherited colours.',
    ]);
  });

  it('joins the allowed values as a list', () => {
    expect(orList([])).to.equal('');
    expect(orList(['a'])).to.equal('a');
    expect(orList(['a', 'b'])).to.equal('a or b');
    expect(orList(['a', 'b', 'c'])).to.equal('a, b or c');
  });
});
