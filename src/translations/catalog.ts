/**
 * The shape of a translation: every label table runpage has, by namespace, with the English table
 * each one translates. Types only: importing this module loads no labels.
 */
import type { Localized } from '../internal/i18n.js';
import type { common } from '../internal/messages.js';
import type { controlLabels } from '../internal/control-labels.js';
import type { NOTICE_LABELS } from '../internal/read-problems-notice.js';
import type { stateLabels } from '../internal/state-badge.js';
import type { msg as runPage } from '../elements/run-page/run-page.messages.js';
import type { msg as runOverview } from '../elements/run-overview/run-overview.messages.js';
import type { msg as metricChart } from '../elements/metric-chart/metric-chart.messages.js';
import type { msg as metricWorkspace } from '../elements/metric-workspace/metric-workspace.messages.js';
import type { dmsg as metricWorkspaceDialog } from '../elements/metric-workspace/settings-dialog.messages.js';
import type { msg as mediaPanel } from '../elements/media-panel/media-panel.messages.js';
import type { msg as systemPanel } from '../elements/system-panel/system-panel.messages.js';
import type { msg as modelTable } from '../elements/model-table/model-table.messages.js';
import type { msg as logViewer } from '../elements/log-viewer/log-viewer.messages.js';
import type { msg as fileBrowser } from '../elements/file-browser/file-browser.messages.js';
import type { pmsg as fileBrowserPreview } from '../elements/file-browser/preview.messages.js';
import type { tmsg as fileBrowserTransfers } from '../elements/file-browser/transfers.messages.js';
import type { msg as artifactList } from '../elements/artifact-list/artifact-list.messages.js';
import type { dmsg as artifactDetail } from '../elements/artifact-list/artifact-detail.messages.js';
import type { msg as runTable } from '../elements/run-table/run-table.messages.js';
import type { cmsg as runTableColumns } from '../elements/run-table/column-picker.messages.js';
import type { umsg as runTableUpdates } from '../elements/run-table/listing-updates.messages.js';
import type { msg as runCompare } from '../elements/run-compare/run-compare.messages.js';
import type { chartText as systemCharts } from '../elements/system-panel/system-charts.messages.js';

type EnglishOf<T> = T extends { readonly en: infer M } ? M : never;

/** Every label table, by the namespace `registerTranslation()` names it with. */
export interface MessageCatalog {
  common: EnglishOf<typeof common> & EnglishOf<typeof controlLabels> & typeof NOTICE_LABELS;
  stateBadge: EnglishOf<typeof stateLabels>;
  runPage: EnglishOf<typeof runPage>;
  runOverview: EnglishOf<typeof runOverview>;
  metricChart: EnglishOf<typeof metricChart>;
  metricWorkspace: EnglishOf<typeof metricWorkspace> & EnglishOf<typeof metricWorkspaceDialog>;
  mediaPanel: EnglishOf<typeof mediaPanel>;
  systemPanel: EnglishOf<typeof systemPanel>;
  modelTable: EnglishOf<typeof modelTable>;
  logViewer: EnglishOf<typeof logViewer>;
  fileBrowser: EnglishOf<typeof fileBrowser> &
    EnglishOf<typeof fileBrowserPreview> &
    EnglishOf<typeof fileBrowserTransfers>;
  artifactList: EnglishOf<typeof artifactList>;
  artifactDetail: EnglishOf<typeof artifactDetail>;
  runTable: EnglishOf<typeof runTable> & EnglishOf<typeof runTableColumns> & EnglishOf<typeof runTableUpdates>;
  runCompare: EnglishOf<typeof runCompare>;
  systemCharts: EnglishOf<typeof systemCharts>;
}

/**
 * A whole language: every table and every key (a missing one is a type error). Labels are strings;
 * labels with values are functions taking the same arguments as the English ones.
 */
export type Translation = { readonly [NS in keyof MessageCatalog]: Localized<MessageCatalog[NS]> };

/** Some labels of a language, to override what a built-in or registered translation says. */
export type PartialTranslation = {
  readonly [NS in keyof MessageCatalog]?: Partial<Localized<MessageCatalog[NS]>>;
};
