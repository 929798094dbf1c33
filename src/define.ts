// Registers every runpage element (the side-effect entry): the list in elements/registry.ts.
// The element define modules below register the same classes (idempotently) and carry each tag's
// HTMLElementTagNameMap typing; test/node/elements/registry.test.ts keeps the two in step.
import { defineElements } from './elements/registry.js';
import './elements/run-source/define.js';
import './elements/run-overview/define.js';
import './elements/run-page/define.js';
import './elements/model-table/define.js';
import './elements/log-viewer/define.js';
import './elements/metric-chart/define.js';
import './elements/file-browser/define.js';
import './elements/artifact-list/define.js';
import './elements/system-panel/define.js';
import './elements/metric-workspace/define.js';
import './elements/media-panel/define.js';
import './elements/run-compare/define.js';
import './elements/run-table/define.js';

defineElements();
