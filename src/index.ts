// Classes and types only: importing this module registers no element.
export type * from './data/source.js';
export {
  RUN_STATES,
  LIVE_STATES,
  isLiveState,
  BUILTIN_X_AXES,
  SMOOTHING_KINDS,
  isActiveSmoothing,
  DEFAULT_HEARTBEAT_THRESHOLD_MS,
} from './data/source.js';
export * from './data/errors.js';
export { MemorySource } from './data/memory-source.js';
export type { MemoryRun, MemoryMetric, MemoryLogLine, MemoryLogs, MemoryFile } from './data/memory-source.js';
export { sourceFromBundle, runsToBundle } from './data/bundle.js';
export { HttpSource, type HttpSourceOptions } from './data/http-source.js';
export { checkSource, uncheckedSource, type ReadReport, type Repair } from './data/checked-source.js';
export { fromPyTorchTree, fromKerasSummary } from './data/model-convert.js';
export { RunpageElement } from './internal/base-element.js';
export { defineElement, setTagPrefix, tagOf, createElementOf, VERSION } from './internal/define-element.js';
export { addSourceLoader, type SourceLoader } from './internal/src-loader.js';
export { defineElements, ELEMENTS, type DefineOptions, type ElementEntry } from './elements/registry.js';
export { THEME_TOKENS, themeTokenCss } from './internal/theme.js';
export {
  registerTranslation,
  overrideMessages,
  type Translation,
  type PartialTranslation,
  type MessageCatalog,
} from './translations/register.js';
export { RunOverview } from './elements/run-overview/run-overview.js';
export { RunPage, type RunPageTabChangeDetail } from './elements/run-page/run-page.js';
export type { RunPageTabId } from './internal/tab-registry.js';
export { RunSourceElement } from './elements/run-source/run-source.js';
export { ModelTable } from './elements/model-table/model-table.js';
export {
  LogViewer,
  type LogViewerCopyDetail,
  type LogViewerDownloadDetail,
  type LogViewerSelectDetail,
} from './elements/log-viewer/log-viewer.js';
export {
  MetricChart,
  type MetricChartZoomDetail,
  type MetricChartCursorDetail,
  type MetricChartCursorValue,
} from './elements/metric-chart/metric-chart.js';
export {
  FileBrowser,
  type FileBrowserOpenDetail,
  type FileBrowserSelectDetail,
  type PreviewLimits,
} from './elements/file-browser/file-browser.js';
export {
  ArtifactList,
  type ArtifactListSelectDetail,
  type ArtifactListOpenRunDetail,
} from './elements/artifact-list/artifact-list.js';
export {
  SystemPanel,
  type SystemPanelXAxisDetail,
  type SystemPanelGpusDetail,
  type SystemPanelColumnsDetail,
} from './elements/system-panel/system-panel.js';
export { MetricWorkspace, type MetricWorkspaceChangeDetail } from './elements/metric-workspace/metric-workspace.js';
export {
  parseSettings as parseWorkspaceSettings,
  resolvePanel as resolveWorkspacePanel,
} from './elements/metric-workspace/workspace-settings.js';
export type {
  WorkspaceSettings,
  SectionSettings,
  PanelSettings,
  CustomPanel,
} from './elements/metric-workspace/workspace-settings.js';
export { MediaPanel, type MediaPanelStepDetail } from './elements/media-panel/media-panel.js';
export { RunTable, type RunTableOpenDetail, type RunTableChangeDetail } from './elements/run-table/run-table.js';
export type { TableState as RunTableState } from './elements/run-table/table-state.js';
export { RunCompare, type RunCompareMetricsChangeDetail } from './elements/run-compare/run-compare.js';
