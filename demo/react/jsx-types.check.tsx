// Type tests for the generated JSX typings (src/jsx.ts), checked by `tsc -p demo/react/tsconfig.json`:
// each @ts-expect-error must stay an error, and the rest must stay valid.
import type {} from '../../src/jsx.js';
import { MemorySource } from '../../src/index.js';

const source = new MemorySource([{ info: { id: 'r1', name: 'r1', state: 'finished' } }]);

export const valid = (
  <run-source source={source} run="r1">
    <metric-chart
      metric="train/loss"
      metrics={['a', 'b']}
      log-y
      smoothing="ema"
      onmetric-chart-zoom={(e) => e.detail.range}
    />
    <run-page theme="dark" no-hash="" tab="logs" onrun-page-tab-change={(e) => e.detail.tab} />
    <log-viewer className="logs" style={{ height: 300 }} />
  </run-source>
);

// @ts-expect-error: not an attribute or property of <metric-chart>
export const unknownAttribute = <metric-chart metrc="train/loss" />;
// @ts-expect-error: `source` must be a RunSource
export const wrongSource = <run-page source="not a source" />;
// @ts-expect-error: the tab event's detail has no `nope`
export const wrongDetail = <run-page onrun-page-tab-change={(e) => e.detail.nope} />;
// @ts-expect-error: theme is light, dark or auto
export const wrongTheme = <run-overview theme="purple" />;
