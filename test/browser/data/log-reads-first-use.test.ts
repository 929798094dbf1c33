/**
 * What reading a MemorySource's log fetches: a window of the whole log loads neither the filtered
 * views (memory-log-views.ts) nor the search scan (memory-log-scan.ts, stripped-lines.ts); the
 * first filtered window loads the views, the first search the scan. Its own file: a fresh page.
 */
import { expect } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';

const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/data/${file}`));

describe('MemorySource logs: what loads on first use', () => {
  it('loads filtered views with the first filter and the scan with the first search', async () => {
    const source = new MemorySource({
      info: { id: 'r', state: 'finished' },
      logs: [{ text: 'epoch 1' }, { text: 'oops', stream: 'stderr' }, { text: 'epoch 2' }],
    });
    const whole = await source.getLogs({ runId: 'r', start: 0, count: 10 });
    expect(whole.lines.map((l) => l.text)).to.deep.equal(['epoch 1', 'oops', 'epoch 2']);
    for (const file of ['memory-log-views.ts', 'memory-log-scan.ts', 'stripped-lines.ts'])
      expect(fetched(file), `${file} fetched for a window of the whole log`).to.equal(false);

    const errors = await source.getLogs({ runId: 'r', start: 0, count: 10, streams: ['stderr'] });
    expect(errors.lines.map((l) => l.n)).to.deep.equal([1]);
    expect(errors.total).to.equal(1);
    expect(fetched('memory-log-views.ts')).to.equal(true);
    expect(fetched('memory-log-scan.ts'), 'the scan fetched for a filter').to.equal(false);

    const matches = await source.searchLogs({ runId: 'r', query: 'epoch' });
    expect(matches.total).to.equal(2);
    expect(fetched('memory-log-scan.ts')).to.equal(true);
  });
});
