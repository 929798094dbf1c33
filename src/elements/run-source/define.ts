import { defineElement } from '../../internal/define-element.js';
import { RunSourceElement } from './run-source.js';

defineElement('run-source', RunSourceElement);

declare global {
  interface HTMLElementTagNameMap {
    'run-source': RunSourceElement;
  }
}
