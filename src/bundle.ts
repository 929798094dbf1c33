// The script-tag bundle: registers every element and exports the public API.
//   <script type="module" src="runpage.bundle.js"></script>                           <run-page>, <metric-chart>, …
//   <script type="module" src="runpage.bundle.js" data-runpage-prefix="acme"></script> <acme-run-page>, …
import { defineElements } from './elements/registry.js';
import { scriptTagPrefix } from './internal/define-element.js';
// What a MemorySource answers about logs, files, artifacts, model and media: a chart alone never
// asks it (an element's own build loads it on first ask), but here every other element does at
// once, so it travels in the bundle rather than as one more request that gzips apart.
import './data/memory-reads.js';

defineElements({ prefix: scriptTagPrefix() });

export * from './index.js';
