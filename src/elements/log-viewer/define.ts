import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import { LogViewer } from './log-viewer.js';

defineElement('log-viewer', LogViewer);
provideTab('logs', LogViewer);

declare global {
  interface HTMLElementTagNameMap {
    'log-viewer': LogViewer;
  }
}
