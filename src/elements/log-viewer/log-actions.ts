/**
 * Copying the selected lines and downloading the whole log, loaded with the first copy or download
 * (`logActionsCode`): most visits do neither. The text itself comes from log-export.ts.
 */
import { formatNumber } from '../../internal/format.js';
import { saveBlob, saveUrl } from '../../internal/download.js';
import { emit } from '../../internal/emit.js';
import type { Lang } from '../../internal/i18n.js';
import type { RunSource } from '../../data/source.js';
import {
  assembleLog,
  downloadName,
  logFileUrl,
  selectedTexts,
  type GetLogs,
  type LogViewerDownloadDetail,
} from './log-export.js';
import { msg } from './log-viewer.messages.js';
import type { LineSelection } from './permalink.js';

type SelectedTextOptions = Parameters<typeof selectedTexts>[3];

/**
 * Copies the lines of `range` as shown to the clipboard, after `log-viewer-copy` (cancelable: the
 * page copies them itself); the message to show.
 */
export async function copyLines(
  host: HTMLElement,
  lang: Lang,
  read: { getLogs: GetLogs; runId: string },
  range: LineSelection,
  options: SelectedTextOptions,
  limit: number,
): Promise<string> {
  try {
    const lines = await selectedTexts(read.getLogs, read.runId, range, options, limit);
    const text = lines.join('\n');
    if (emit(host, 'log-viewer-copy', { text, lines: lines.length }, { cancelable: true }))
      await navigator.clipboard.writeText(text);
    return msg(lang, 'copied', formatNumber(lines.length, lang));
  } catch (e) {
    console.warn(`<${host.localName}>: could not copy`, e);
    return msg(lang, 'copyFailed');
  }
}

/**
 * Downloads `logFile` of the run: from the source's file URL when it has a safe one, else assembled
 * window by window (`progress` 0–100), after `log-viewer-download` (cancelable).
 */
export async function downloadLog(
  host: HTMLElement,
  source: RunSource,
  getLogs: GetLogs,
  runId: string,
  logFile: string,
  progress: (p: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const fileName = downloadName(runId, logFile);
  const url = logFileUrl(source, runId, logFile);
  const detail: LogViewerDownloadDetail = url
    ? { url, fileName }
    : { blob: await assembleLog(getLogs, runId, progress, signal), fileName };
  if (!emit(host, 'log-viewer-download', detail, { cancelable: true })) return;
  const parent = host.shadowRoot ?? host;
  if (detail.url) saveUrl(detail.url, detail.fileName, parent);
  else saveBlob(detail.blob!, detail.fileName, parent);
}
