// Loaded into every page of the end-to-end tests (page.addInitScript) as `globalThis.e2eProbe`:
// what a user can see on the page, read through every open shadow root. Plain JavaScript on
// purpose: it runs in the page as written, untouched by the TypeScript loader.
//
// "Visible" is what the user can see: an element in a hidden tab panel has no layout box.
// Elements are described by their chain of shadow hosts, so a failure says where to look:
//   run-page › metric-workspace › metric-chart[train/loss] › div.rp-state.rp-state--loading "Loading…"
/* global performance */
(() => {
  const seen = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);

  /** Every element under `root`, shadow roots included, in document order. */
  function all(root = document) {
    const out = [];
    const walk = (r) => {
      for (const el of r.querySelectorAll('*')) {
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return out;
  }

  function label(el) {
    let s = el.localName;
    if (el.localName === 'metric-chart') {
      const keys = Array.isArray(el.metrics) && el.metrics.length ? el.metrics : el.metric ? [el.metric] : [];
      if (keys.length) s += `[${keys.join(', ')}]`;
    } else if (el.id) s += `#${el.id}`;
    else if (el.classList && el.classList.length) s += `.${[...el.classList].join('.')}`;
    return s;
  }

  function describe(el) {
    const chain = [label(el)];
    for (let host = el.getRootNode().host; host; host = host.getRootNode().host) chain.unshift(label(host));
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return chain.join(' › ') + (text ? ` "${text.length > 100 ? `${text.slice(0, 100)}…` : text}"` : '');
  }

  const visible = (match) =>
    all()
      .filter((el) => match(el) && seen(el))
      .map(describe);

  const parts = (el) => (el.getAttribute('part') || '').split(/\s+/);

  let lastBusy = performance.now();

  globalThis.e2eProbe = {
    /** Visible elements that say they are loading. */
    busy: () => visible((el) => el.getAttribute('aria-busy') === 'true'),

    /** Starts a new quiet period (called when a tab was clicked). */
    mark() {
      lastBusy = performance.now();
    },

    /** Nothing visible is busy, and nothing has been for `quietMs`; returns when busy was last seen. */
    settled(quietMs) {
      const now = performance.now();
      if (globalThis.e2eProbe.busy().length) lastBusy = now;
      return now - lastBusy >= quietMs ? { lastBusyAt: lastBusy } : false;
    },

    /** Visible `role=alert` elements. */
    alerts: () => visible((el) => el.getAttribute('role') === 'alert'),

    /** Visible warnings about the run: alerts, and the parts named `warnings`. */
    warnings: () => visible((el) => el.getAttribute('role') === 'alert' || parts(el).includes('warnings')),

    /** Every `role=tab`: its text, whether it is disabled and selected. */
    tabs: () =>
      all()
        .filter((el) => el.getAttribute('role') === 'tab')
        .map((el) => ({
          name: (el.textContent || '').replace(/\s+/g, ' ').trim(),
          disabled: el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled'),
          selected: el.getAttribute('aria-selected') === 'true',
        })),

    /** The visible tab panel labelled by the selected tab named `name`, described; undefined when none. */
    panelOf(name) {
      const tab = all().find(
        (el) =>
          el.getAttribute('role') === 'tab' &&
          el.getAttribute('aria-selected') === 'true' &&
          (el.textContent || '').replace(/\s+/g, ' ').trim() === name,
      );
      if (!tab || !tab.id) return undefined;
      const root = tab.getRootNode();
      const panel = [...root.querySelectorAll('[role="tabpanel"]')].find(
        (p) => p.getAttribute('aria-labelledby') === tab.id || tab.getAttribute('aria-controls') === p.id,
      );
      return panel && seen(panel) ? describe(panel) : undefined;
    },

    /** The visible state badges: their state and text. */
    badges: () =>
      all()
        .filter((el) => parts(el).includes('state-badge') && seen(el))
        .map((el) => ({ state: el.dataset.state, text: (el.textContent || '').replace(/\s+/g, ' ').trim() })),

    /** Each visible log viewer's line count ("1,234 lines" in its status bar); null when it shows none. */
    logCounts: () =>
      all()
        .filter((el) => el.localName === 'log-viewer' && seen(el))
        .map((el) => {
          const status = el.shadowRoot && el.shadowRoot.querySelector('[part~="status"]');
          const m = status && /([\d,]+) lines?\b/.exec(status.textContent || '');
          return m ? Number(m[1].replace(/,/g, '')) : null;
        }),

    /**
     * Each visible metric chart: its keys and the raw-point total it states ("all 862 raw points",
     * "1,500 of 8,230 points drawn"); total null while it states none.
     */
    charts: () =>
      all()
        .filter((el) => el.localName === 'metric-chart' && seen(el))
        .map((el) => {
          const keys = Array.isArray(el.metrics) && el.metrics.length ? [...el.metrics] : el.metric ? [el.metric] : [];
          const text = (el.shadowRoot && el.shadowRoot.textContent) || '';
          const m = /\ball ([\d,]+) raw points\b/.exec(text) || /\b[\d,]+ of ([\d,]+) points drawn\b/.exec(text);
          return { keys, total: m ? Number(m[1].replace(/,/g, '')) : null, where: describe(el).replace(/ ".*$/s, '') };
        }),
  };
})();
