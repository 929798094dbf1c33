import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import { FileBrowser } from './file-browser.js';

defineElement('file-browser', FileBrowser);
provideTab('files', FileBrowser);

declare global {
  interface HTMLElementTagNameMap {
    'file-browser': FileBrowser;
  }
}
