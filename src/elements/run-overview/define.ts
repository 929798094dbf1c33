import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import { RunOverview } from './run-overview.js';

defineElement('run-overview', RunOverview);
provideTab('overview', RunOverview);

declare global {
  interface HTMLElementTagNameMap {
    'run-overview': RunOverview;
  }
}
