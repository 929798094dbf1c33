import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import '../metric-chart/define.js';
import '../media-panel/define.js';
import { MetricWorkspace } from './metric-workspace.js';

defineElement('metric-workspace', MetricWorkspace);
provideTab('charts', MetricWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'metric-workspace': MetricWorkspace;
  }
}
