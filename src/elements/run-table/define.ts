import { defineElement } from '../../internal/define-element.js';
import { RunTable } from './run-table.js';
// Ticked runs are compared in a <run-compare>.
import '../run-compare/define.js';

defineElement('run-table', RunTable);

declare global {
  interface HTMLElementTagNameMap {
    'run-table': RunTable;
  }
}
