// A React 19 component that embeds runpage elements: properties (source), attributes (theme, no-hash),
// events (on<event-name>) and children (<run-source> with elements inside). React 19 sets a prop as a
// property when the element has one, else as an attribute, and `onrun-page-tab-change` listens to that event.
import { useState } from 'react';
import type { RunSource } from '../../src/index.js';
import type { RunPageTabChangeDetail } from '../../src/elements/run-page/run-page.js';
import type { MetricChartZoomDetail } from '../../src/elements/metric-chart/metric-chart.js';
import type {} from '../../src/jsx.js';
import '../../src/define.js';

export interface RunDashboardProps {
  source: RunSource;
  theme?: 'light' | 'dark';
  onTabChange?: (tab: RunPageTabChangeDetail['tab']) => void;
}

export function RunDashboard({ source, theme = 'light', onTabChange }: RunDashboardProps) {
  const [tab, setTab] = useState<RunPageTabChangeDetail['tab']>('overview');
  const [zoom, setZoom] = useState<MetricChartZoomDetail['range']>(null);

  return (
    <div className="dashboard">
      <p className="status">
        tab: {tab}; zoom: {zoom ? zoom.map((x) => Math.round(x)).join('–') : 'full'}
      </p>
      <run-source source={source}>
        <div className="summary">
          <run-overview theme={theme} />
          <metric-chart
            metric="train/loss"
            theme={theme}
            style={{ display: 'block', height: 260 }}
            onmetric-chart-zoom={(e) => setZoom(e.detail.range)}
          />
        </div>
      </run-source>
      <run-page
        source={source}
        theme={theme}
        no-hash=""
        tab={tab}
        onrun-page-tab-change={(e) => {
          setTab(e.detail.tab);
          onTabChange?.(e.detail.tab);
        }}
      />
    </div>
  );
}
