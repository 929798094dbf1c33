/**
 * The two HTML pages of `runpage serve`: the runs list, and one run's full `<run-page>` loading the
 * script-tag bundle. Links are relative, so the server also works behind a path prefix. Every
 * run-provided text is escaped.
 */
import type { RunRef } from '../data/source.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.4rem 0.6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
  .error { color: #c62828; }
  .muted { opacity: 0.7; }
`;

function formatTime(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms)
    ? ''
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

export function runsListPage(runs: readonly RunRef[], problems: readonly string[] = []): string {
  const rows = runs
    .map((r) => {
      const href = `runs/${encodeURIComponent(r.id)}`;
      const name = escapeHtml(r.name ?? r.id);
      const state = r.error
        ? `<span class="error">unreadable: ${escapeHtml(r.error)}</span>`
        : escapeHtml(r.state ?? '');
      return `<tr><td><a href="${escapeHtml(href)}">${name}</a><div class="muted">${escapeHtml(r.id)}</div></td><td>${escapeHtml(r.project ?? '')}</td><td>${escapeHtml(r.format ?? '')}</td><td>${state}</td><td>${escapeHtml(formatTime(r.startedAt))}</td></tr>`;
    })
    .join('\n');
  const problemList = problems.length
    ? `<ul class="error">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>runpage: ${runs.length} runs</title><style>${STYLE}</style></head>
<body>
<h1>Runs</h1>
${problemList}
${runs.length === 0 ? '<p>No runs were found under the given folders.</p>' : `<table><thead><tr><th>Run</th><th>Project</th><th>Format</th><th>State</th><th>Started</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</body>
</html>
`;
}

/**
 * One run's page: the bundle registers the elements; the page hands `<run-page>` the bundle's
 * HttpSource, or (a bundle without that export) the run's API URL as `src` for its source loader.
 */
export function runPage(runId: string, title: string): string {
  const id = JSON.stringify(runId).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · runpage</title>
<style>${STYLE} body { padding: 0; } nav { padding: 0.5rem 1rem; } run-page { display: block; min-height: 100vh; }</style></head>
<body>
<nav><a href="../">All runs</a></nav>
<run-page id="page" theme="auto"></run-page>
<script type="module">
  const runId = ${id};
  const root = new URL('../', location.href);
  const page = document.getElementById('page');
  page.setAttribute('run', runId);
  try {
    const runpage = await import(new URL('runpage.bundle.js', root).href);
    if (typeof runpage.HttpSource === 'function') page.source = new runpage.HttpSource(root.href, { runId });
    else page.setAttribute('src', new URL('api/runs/' + encodeURIComponent(runId), root).href);
  } catch (e) {
    page.textContent = 'The runpage scripts could not be loaded (' + e.message + '). Build them with npm run build.';
  }
</script>
</body>
</html>
`;
}
