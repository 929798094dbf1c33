// The script-tag entry for docs pages: each element's code loads the first time its tag is on the page.
//   <script type="module" src="runpage.autoload.js"></script>                           <metric-chart>, …
//   <script type="module" src="runpage.autoload.js" data-runpage-prefix="acme"></script> <acme-metric-chart>, …
// runpage.bundle.js registers every element at once and exports the API; this exports nothing.
import { ContextRoot } from '@lit/context';
import { autoloadElements } from './internal/autoload.js';
import { checkedTagPrefix, scriptTagPrefix, setTagPrefix } from './internal/define-element.js';
import { ELEMENT_LOADERS, LOAD_WITH } from './element-loaders.js';

if (typeof document !== 'undefined') {
  const prefix = checkedTagPrefix(scriptTagPrefix());
  // the define modules register under it, and so do the elements they load later
  setTagPrefix(prefix);
  // A page that loads this file with a query (`?v=…`) runs it twice: the chunks import it without
  // the query. The second run sets the prefix again (for its own module copies) and starts nothing.
  const started = Symbol.for('runpage.autoload');
  if (!(started in globalThis)) {
    Object.defineProperty(globalThis, started, { value: true });
    // Elements register in the order their code arrives: a <metric-chart> inside a <run-source> may
    // ask for its run before the <run-source> can answer. The root asks again for it when it can.
    new ContextRoot().attach(document.documentElement);
    autoloadElements(document, ELEMENT_LOADERS, { prefix, loadWith: LOAD_WITH });
  }
}
