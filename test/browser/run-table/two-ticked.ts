/** A run table of two sample runs, both ticked, for the tests of the comparison's first use. */
import { fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import { defaultState } from '../../../src/elements/run-table/table-state.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';

export const source = new MemorySource(
  [1, 2].map((seed) => generateSampleRun({ seed, steps: 20, logLines: 1, files: 1 })),
);
export const [first, second] = ['sample-0001', 'sample-0002'];

export async function twoTicked(): Promise<RunTable> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang="en">
      <run-table
        .source=${source}
        refresh-interval="0"
        .tableState=${{ ...defaultState(), ticked: [first, second] }}
      ></run-table>
    </div>`,
  );
  return wrapper.querySelector<RunTable>('run-table')!;
}
