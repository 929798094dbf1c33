import { defineMessages } from '../../internal/i18n.js';

/**
 * Labels of <file-browser> that only a file's preview shows: they load with the preview's code. Same namespace as
 * file-browser.messages.ts: translations and overrides name these labels as before.
 */
export const pmsg = defineMessages('fileBrowser', {
  expandAll: 'Expand all',
  jsonTree: 'Tree',
  jsonText: 'Text',
  jsonTooDeep: '(nested too deep for the tree: the Text view shows all of it)',
  collapseAll: 'Collapse all',
  showMoreItems: (n: number) => `Show more (${n} left)`,
  diffStat: (added: number, removed: number) => `${added} lines added, ${removed} lines removed`,
  oldLine: 'Old line',
  newLine: 'New line',
  change: 'Change',
  csvSummary: (rows: string, cols: string) => `${rows} rows × ${cols} columns`,
  emptyNotebook: 'This notebook has no cells.',
  cell: (n: number) => `Cell ${n}`,
  cellOutput: (n: number) => `Output of cell ${n}`,
  previewUnsupported: 'No preview from this source',
  previewUnsupportedDetail: 'This source cannot read file contents. Download the file instead, if offered.',
  tooLarge: 'File too large to preview',
  tooLargeDetail: (size: string) => `This file is ${size}. Download it to open it.`,
  contentsOf: (name: string) => `Contents of ${name}`,
  invalidJson: 'This file is not valid JSON; it is shown as text.',
  structuredTooLarge: 'This file is too large for the structured view; its beginning is shown as text.',
  binaryInfo: (size: string, type: string) => `Binary file · ${size} · ${type}. First bytes:`,
  partShown: (loaded: string, total: string) => `Showing the first ${loaded} of ${total}`,
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  // a symbolic link that is not opened (closed-link.ts)
  linkOutsideTitle: 'This link points outside the run folder',
  linkOutsideDetail: 'Links out of the run folder are never followed, so there is nothing to show here.',
  linkToNothingTitle: 'This link points to nothing',
  linkToNothingDetail: 'Its target does not exist.',
  linkToMissingDetail: (target: string) => `Its target, ${target}, does not exist in the run folder.`,
  linkNotFollowedTitle: 'This link is not followed',
  linkNotFollowedDetail: 'The source lists it as a symbolic link and does not read through it.',
});
