import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import '../metric-chart/define.js';
import { SystemPanel } from './system-panel.js';

defineElement('system-panel', SystemPanel);
provideTab('system', SystemPanel);

declare global {
  interface HTMLElementTagNameMap {
    'system-panel': SystemPanel;
  }
}
