/**
 * The two HTML pages of `runpage serve`: the runs list, and one run's full `<run-page>` loading the
 * script-tag bundle. Links are relative, so the server also works behind a path prefix. Every
 * run-provided text is escaped.
 */
import type { RunRef } from '../data/source.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The pages' stylesheet, served as `assets/page.css` (no inline style: the pages run under a strict CSP). */
export const PAGE_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; padding: 1.5rem; }
body.run { padding: 0; }
nav { padding: 0.5rem 1rem; }
run-page { display: block; min-height: 100vh; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; padding: 0.4rem 0.6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
.error { color: #c62828; }
.warn { color: #b26a00; white-space: nowrap; }
.muted { opacity: 0.7; }
.crumbs { display: flex; gap: 0.4rem; align-items: baseline; flex-wrap: wrap; }
.crumbs .here { font-weight: 600; }
.crumbs .sep { opacity: 0.6; }
run-table { display: block; --runpage-run-table-height: calc(100vh - 11rem); }
run-table:not(:defined) table { margin-top: 0.5rem; }
`;

/**
 * The run page's script, served as `assets/page.js`: loads the bundle from the server root and
 * hands `<run-page>` an HttpSource on it (or, with a bundle without that export, the run's API URL
 * as `src`). The run id comes from the element's `run` attribute, never from script text.
 */
export const PAGE_SCRIPT = `
const root = new URL('../', import.meta.url);
const page = document.querySelector('run-page[data-served]');
const runId = page.getAttribute('run');
try {
  const runpage = await import(new URL('runpage.bundle.js', root).href);
  if (typeof runpage.HttpSource === 'function') page.source = new runpage.HttpSource(root.href, { runId });
  else page.setAttribute('src', new URL('api/runs/' + encodeURIComponent(runId), root).href);
} catch (e) {
  page.textContent = 'The runpage scripts could not be loaded (' + e.message + '). Build them with npm run build.';
}
`;

/**
 * The runs list's script, served as `assets/list.js`: hands `<run-table>` an HttpSource on the
 * server root. Until it runs (or when the bundle cannot load) the server-rendered table inside the
 * element is what shows; once the element is defined its own table takes its place.
 */
export const LIST_SCRIPT = `
const root = new URL('../', import.meta.url);
const table = document.querySelector('run-table[data-served]');
try {
  const runpage = await import(new URL('runpage.bundle.js', root).href);
  if (typeof runpage.HttpSource === 'function') table.source = new runpage.HttpSource(root.href);
  else table.replaceWith(...table.childNodes);
} catch (e) {
  console.warn('runpage: the runs table could not load (' + e.message + '); showing the plain list.');
}
`;

function formatTime(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms)
    ? ''
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

/**
 * `root`: the way from the page's URL to the server root (`../` for a page under `runs/`).
 * `total`: how many runs there are when `runs` is the first page of them (the table pages on).
 */
export function runsListPage(
  runs: readonly RunRef[],
  problems: readonly string[] = [],
  root = '',
  total = runs.length,
): string {
  const rows = runs
    .map((r) => {
      const href = `${root}runs/${encodeURIComponent(r.id)}`;
      const name = escapeHtml(r.name ?? r.id);
      const warnings = typeof r.warnings === 'number' && Number.isInteger(r.warnings) ? r.warnings : 0;
      const problems =
        warnings > 0
          ? ` <span class="warn" title="Reading this run met problems; its page lists them.">⚠ ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}</span>`
          : '';
      const state = r.error
        ? `<span class="error">unreadable: ${escapeHtml(r.error)}</span>`
        : `${escapeHtml(r.state ?? '')}${problems}`;
      return `<tr><td><a href="${escapeHtml(href)}">${name}</a><div class="muted">${escapeHtml(r.id)}</div></td><td>${escapeHtml(r.project ?? '')}</td><td>${escapeHtml(r.format ?? '')}</td><td>${state}</td><td>${escapeHtml(formatTime(r.startedAt))}</td></tr>`;
    })
    .join('\n');
  const problemList = problems.length
    ? `<ul class="error">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
    : '';
  const more =
    total > runs.length
      ? `<tfoot><tr><td colspan="5" class="muted">The ${runs.length} newest of ${total} runs; the table pages through them all.</td></tr></tfoot>`
      : '';
  const table =
    runs.length === 0
      ? '<p>No runs were found under the given folders.</p>'
      : `<table><thead><tr><th>Run</th><th>Project</th><th>Format</th><th>State</th><th>Started</th></tr></thead><tbody>\n${rows}\n</tbody>${more}</table>`;
  // The runs list itself (not an error page under runs/) is a <run-table> around the plain table.
  const interactive = root === '' && runs.length > 0;
  const body = interactive
    ? `<run-table data-served url-state run-href="runs/{id}" theme="auto">\n${table}\n</run-table>\n<script type="module" src="assets/list.js"></script>`
    : table;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>runpage: ${total} runs</title><link rel="stylesheet" href="${root}assets/page.css"></head>
<body>
<h1>Runs</h1>
${problemList}
${body}
</body>
</html>
`;
}

/**
 * One run's page: `<run-page>` naming the run, brought to life by `assets/page.js`, under a trail
 * back to the runs table: Runs › project (the table filtered to it) › the run's display name.
 */
export function runPage(runId: string, title: string, project?: string): string {
  const projectLink = project
    ? `<a href="../#project=${escapeHtml(encodeURIComponent(project))}">${escapeHtml(project)}</a><span class="sep" aria-hidden="true">›</span>`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · runpage</title>
<link rel="stylesheet" href="../assets/page.css"><script type="module" src="../assets/page.js"></script></head>
<body class="run">
<nav class="crumbs" aria-label="Breadcrumb"><a href="../">All runs</a><span class="sep" aria-hidden="true">›</span>${projectLink}<span class="here" aria-current="page">${escapeHtml(title)}</span></nav>
<run-page id="page" data-served run="${escapeHtml(runId)}" theme="auto"></run-page>
</body>
</html>
`;
}
