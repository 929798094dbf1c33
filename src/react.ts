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

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

/**
 * The React component of the element `tagName` (`run-page` → `RunPage`), with an `on…` prop per
 * event in `events`, typed with the event's detail.
 */
function wrap<I extends HTMLElement, K extends keyof GlobalEventHandlersEventMap & string = never>(
  tagName: string,
  elementClass: new () => I,
  ...events: K[]
) {
  const props: Record<string, string> = {};
  for (const name of events) props[`on${pascal(name)}`] = name;
  return createComponent({
    react: React,
    tagName,
    elementClass,
    events: props as Events<K>,
    displayName: pascal(tagName),
  });
}

export const RunSource = wrap('run-source', RunSourceElement);

export const RunPage = wrap('run-page', RunPageElement, 'run-page-tab-change');

export const RunOverview = wrap('run-overview', RunOverviewElement);

export const MetricChart = wrap('metric-chart', MetricChartElement, 'metric-chart-zoom', 'metric-chart-cursor');

export const MetricWorkspace = wrap('metric-workspace', MetricWorkspaceElement, 'metric-workspace-change');

export const MediaPanel = wrap('media-panel', MediaPanelElement, 'media-panel-step');

export const SystemPanel = wrap('system-panel', SystemPanelElement, 'system-panel-x-axis', 'system-panel-gpus');

export const ModelTable = wrap('model-table', ModelTableElement);

export const LogViewer = wrap(
  'log-viewer',
  LogViewerElement,
  'log-viewer-select',
  'log-viewer-copy',
  'log-viewer-download',
);

export const FileBrowser = wrap('file-browser', FileBrowserElement, 'file-browser-open', 'file-browser-select');

export const ArtifactList = wrap(
  'artifact-list',
  ArtifactListElement,
  'artifact-list-select',
  'artifact-list-open-run',
);
