import { defineElement } from '../../internal/define-element.js';
import { MediaPanel } from './media-panel.js';

defineElement('media-panel', MediaPanel);

declare global {
  interface HTMLElementTagNameMap {
    'media-panel': MediaPanel;
  }
}
