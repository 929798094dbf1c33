import { defineElement } from '../../internal/define-element.js';
import { RunCompare } from './run-compare.js';
// The charts are <metric-chart>s.
import '../metric-chart/define.js';

defineElement('run-compare', RunCompare);

declare global {
  interface HTMLElementTagNameMap {
    'run-compare': RunCompare;
  }
}
