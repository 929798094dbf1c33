import { defineMessages } from '../../internal/i18n.js';

/**
 * Labels of <file-browser> that only downloads say (transfers.ts): they load with the first download. Same namespace as file-browser.messages.ts: translations and overrides name these labels as before.
 */
export const tmsg = defineMessages('fileBrowser', {
  zipping: (done: string, total: string) => `Zipping ${done} of ${total}`,
  collecting: 'Collecting files…',
  downloading: (done: string, total: string) => `Downloading ${done} of ${total}`,
  transferFailed: (message: string) => `Download failed: ${message}`,
  transferDone: (name: string) => `Saved ${name}`,
  cancel: 'Cancel',
  progress: 'Download progress',
});
