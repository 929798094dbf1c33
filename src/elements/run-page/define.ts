import { defineElement } from '../../internal/define-element.js';
import { RunPage } from './run-page.js';
// The run page composes the other elements: importing it brings every tab.
import '../run-overview/define.js';

defineElement('run-page', RunPage);

declare global {
  interface HTMLElementTagNameMap {
    'run-page': RunPage;
  }
  interface GlobalEventHandlersEventMap {
    'run-page-tab-change': CustomEvent<import('./run-page.js').RunPageTabChangeDetail>;
  }
}
