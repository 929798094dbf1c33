import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import { ModelTable } from './model-table.js';

defineElement('model-table', ModelTable);
provideTab('model', ModelTable);

declare global {
  interface HTMLElementTagNameMap {
    'model-table': ModelTable;
  }
}
