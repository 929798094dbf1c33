import { defineElement } from '../../internal/define-element.js';
import { RunTable } from './run-table.js';
// Ticked runs are compared in a <run-compare>: run-table.ts loads and registers it on the first comparison.

defineElement('run-table', RunTable);

declare global {
  interface HTMLElementTagNameMap {
    'run-table': RunTable;
  }
}
