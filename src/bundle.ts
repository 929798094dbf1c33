// The script-tag bundle: registers every element and exports the public API.
//   <script type="module" src="runpage.bundle.js"></script>                           <run-page>, <metric-chart>, …
//   <script type="module" src="runpage.bundle.js" data-runpage-prefix="acme"></script> <acme-run-page>, …
import { defineElements } from './elements/registry.js';
// What a MemorySource answers about logs, files, artifacts, model and media: a chart alone never
// asks it (an element's own build loads it on first ask), but here every other element does at
// once, so it travels in the bundle rather than as one more request that gzips apart.
import './data/memory-reads.js';

/** The prefix a page asks for on the script tag that loads the bundle (module scripts have no currentScript). */
function prefixFromScriptTag(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLScriptElement>('script[data-runpage-prefix]')?.dataset.runpagePrefix;
}

defineElements({ prefix: prefixFromScriptTag() });

export * from './index.js';
