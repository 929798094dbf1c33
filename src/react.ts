/**
 * `runpage/react`: a React component per runpage element, for React 18 as well as 19.
 *
 * React 18 sets every prop on a custom element as an attribute (so `source` becomes the string
 * "[object Object]") and cannot listen to custom events. These wrappers (made with `@lit/react`)
 * set props as properties and turn each element event into an `on<EventName>` prop, named from the
 * event in camel case: `run-page-tab-change` → `onRunPageTabChange`.
 *
 * ```tsx
 * import { RunPage } from 'runpage/react';
 * <RunPage source={source} theme="dark" onRunPageTabChange={(e) => setTab(e.detail.tab)} />
 * ```
 *
 * Importing this module registers every element under its own tag (as `runpage/define.js` does).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import './define.js';
import { ArtifactList as ArtifactListElement } from './elements/artifact-list/artifact-list.js';
import { FileBrowser as FileBrowserElement } from './elements/file-browser/file-browser.js';
import { LogViewer as LogViewerElement } from './elements/log-viewer/log-viewer.js';
import { MediaPanel as MediaPanelElement } from './elements/media-panel/media-panel.js';
import { MetricChart as MetricChartElement } from './elements/metric-chart/metric-chart.js';
import { MetricWorkspace as MetricWorkspaceElement } from './elements/metric-workspace/metric-workspace.js';
import { ModelTable as ModelTableElement } from './elements/model-table/model-table.js';
import { RunOverview as RunOverviewElement } from './elements/run-overview/run-overview.js';
import { RunPage as RunPageElement } from './elements/run-page/run-page.js';
import { RunSourceElement } from './elements/run-source/run-source.js';
import { SystemPanel as SystemPanelElement } from './elements/system-panel/system-panel.js';

/** The `on…` prop of an element event: `metric-chart-zoom` → `onMetricChartZoom`. */
type EventProp<K extends string> = `on${Capitalize<CamelCase<K>>}`;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type Events<K extends keyof GlobalEventHandlersEventMap & string> = {
  [E in K as EventProp<E>]: EventName<GlobalEventHandlersEventMap[E]>;
};

/** `{ onRunPageTabChange: 'run-page-tab-change', … }`, typed with each event's detail. */
function eventProps<K extends keyof GlobalEventHandlersEventMap & string>(...names: K[]): Events<K> {
  const props: Record<string, string> = {};
  for (const name of names) {
    props[`on${name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}`] = name;
  }
  return props as Events<K>;
}

export const RunSource = createComponent({
  react: React,
  tagName: 'run-source',
  elementClass: RunSourceElement,
  displayName: 'RunSource',
});

export const RunPage = createComponent({
  react: React,
  tagName: 'run-page',
  elementClass: RunPageElement,
  events: eventProps('run-page-tab-change'),
  displayName: 'RunPage',
});

export const RunOverview = createComponent({
  react: React,
  tagName: 'run-overview',
  elementClass: RunOverviewElement,
  displayName: 'RunOverview',
});

export const MetricChart = createComponent({
  react: React,
  tagName: 'metric-chart',
  elementClass: MetricChartElement,
  events: eventProps('metric-chart-zoom', 'metric-chart-cursor'),
  displayName: 'MetricChart',
});

export const MetricWorkspace = createComponent({
  react: React,
  tagName: 'metric-workspace',
  elementClass: MetricWorkspaceElement,
  events: eventProps('metric-workspace-change'),
  displayName: 'MetricWorkspace',
});

export const MediaPanel = createComponent({
  react: React,
  tagName: 'media-panel',
  elementClass: MediaPanelElement,
  events: eventProps('media-panel-step'),
  displayName: 'MediaPanel',
});

export const SystemPanel = createComponent({
  react: React,
  tagName: 'system-panel',
  elementClass: SystemPanelElement,
  events: eventProps('system-panel-x-axis', 'system-panel-gpus'),
  displayName: 'SystemPanel',
});

export const ModelTable = createComponent({
  react: React,
  tagName: 'model-table',
  elementClass: ModelTableElement,
  displayName: 'ModelTable',
});

export const LogViewer = createComponent({
  react: React,
  tagName: 'log-viewer',
  elementClass: LogViewerElement,
  events: eventProps('log-viewer-select', 'log-viewer-copy', 'log-viewer-download'),
  displayName: 'LogViewer',
});

export const FileBrowser = createComponent({
  react: React,
  tagName: 'file-browser',
  elementClass: FileBrowserElement,
  events: eventProps('file-browser-open', 'file-browser-select'),
  displayName: 'FileBrowser',
});

export const ArtifactList = createComponent({
  react: React,
  tagName: 'artifact-list',
  elementClass: ArtifactListElement,
  events: eventProps('artifact-list-select', 'artifact-list-open-run'),
  displayName: 'ArtifactList',
});
