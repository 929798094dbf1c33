import type { RunSource } from '../../data/source.js';
import { createElementOf } from '../../internal/define-element.js';
import { FileBrowser } from '../file-browser/file-browser.js';
import { exportPartsAs, PART_NAMES } from '../../internal/part-names.js';

/**
 * A `<file-browser>` (under whatever tag it was registered) over an artifact's files, or undefined
 * when no file browser is registered on the page. It keeps out of the URL hash: the page's own
 * Files tab owns that.
 */
export function createArtifactFileBrowser(source: RunSource, runId: string): HTMLElement | undefined {
  const browser = createElementOf(FileBrowser);
  if (!browser) return undefined;
  browser.noHash = true;
  browser.source = source;
  browser.run = runId;
  browser.setAttribute('part', 'file-browser');
  browser.setAttribute('exportparts', exportPartsAs('files', PART_NAMES['file-browser']));
  return browser;
}
