/**
 * The opened artifact: facts, description, metadata, files, lineage and versions. Loaded on the
 * first open (dynamic import), so a page that only lists artifacts does not pay for it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ArtifactDetail, ArtifactInfo, RunRef, RunSource } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { lazyElement } from '../../internal/lazy-import.js';
import { formatBytes, formatDateTime, formatNumber } from '../../internal/format.js';
import { markdown } from '../../internal/markdown.js';
import { renderJsonTree } from './json-tree.js';
import { artifactFilesSource } from './artifact-files-source.js';
import { createArtifactFileBrowser } from './file-browser-slot.js';
import { msg } from './artifact-list.messages.js';
import { dmsg } from './artifact-detail.messages.js';

export { detailStyles } from './artifact-detail.styles.js';

/** What the detail needs from the element that shows it (`<artifact-list>`). */
export interface DetailHost {
  readonly element: ReactiveControllerHost & { readonly dataSource?: RunSource; readonly runId?: string };
  lang(): Lang;
  /** Ids of the artifacts in the run's listing (other versions among them can be opened). */
  inRun(): ReadonlySet<string>;
  copyButton(text: string, key: string, name: string): TemplateResult;
  open(artifact: ArtifactInfo): void;
  openRun(run: RunRef): void;
}

interface DetailContext {
  lang: Lang;
  source?: RunSource;
  runId?: string;
  inRun: ReadonlySet<string>;
  jsonOpen: ReadonlySet<string>;
  toggleJson: (path: string, open: boolean) => void;
  copyButton: DetailHost['copyButton'];
  open: DetailHost['open'];
  openRun: DetailHost['openRun'];
}

/** The detail shows the artifact's files in a <file-browser>, loaded with the first detail opened. */
export const fileBrowserCode = lazyElement(
  () => import('../file-browser/file-browser.js').then((m) => m.FileBrowser),
  () => import('../file-browser/define.js'),
);

/** A fetched detail made safe to show, once the file browser's code is in (or could not load). */
export async function readyDetail(d: ArtifactDetail): Promise<ArtifactDetail> {
  await fileBrowserCode.load();
  return { ...d, files: Array.isArray(d.files) ? d.files : [], aliases: Array.isArray(d.aliases) ? d.aliases : [] };
}

/** The metadata nodes opened in each host's detail, for the artifact shown. */
const jsonOpen = new WeakMap<DetailHost, { id: string; open: ReadonlySet<string> }>();

/** The detail of `d` in `host`. */
export function renderDetailIn(host: DetailHost, d: ArtifactDetail): TemplateResult {
  let json = jsonOpen.get(host);
  if (json?.id !== d.id) jsonOpen.set(host, (json = { id: d.id, open: new Set() }));
  const { element } = host;
  return renderArtifactDetail(d, {
    lang: host.lang(),
    source: element.dataSource,
    runId: element.runId,
    inRun: host.inRun(),
    jsonOpen: json.open,
    toggleJson: (path, open) => {
      const next = new Set(json.open);
      if (open) next.add(path);
      else next.delete(path);
      json.open = next;
      element.requestUpdate();
    },
    copyButton: (text, key, name) => host.copyButton(text, key, name),
    open: (a) => host.open(a),
    openRun: (run) => host.openRun(run),
  });
}

const MANIFEST_LIMIT = 500;
/** The description's own headings start below the detail's section headings (h4): `# h1` is an h5. */
const DESCRIPTION_HEADING_OFFSET = 4;

/** One file browser per fetched detail; a refetch (new object) gets a fresh one. */
const browsers = new WeakMap<ArtifactDetail, HTMLElement | null>();

const chips = (list: unknown) =>
  html`<span class="chips"
    >${(Array.isArray(list) ? list : []).map((alias) => html`<span class="chip">${String(alias)}</span>`)}</span
  >`;

export function renderArtifactDetail(d: ArtifactDetail, c: DetailContext): TemplateResult {
  const lang = c.lang;
  const metadata =
    d.metadata && typeof d.metadata === 'object' && Object.keys(d.metadata).length ? d.metadata : undefined;
  return html`<article aria-labelledby="detail-title">
    <div class="detail-head">
      <h3 class="detail-title" id="detail-title" tabindex="-1">
        ${d.name}${d.version ? html`<span class="version">:${d.version}</span>` : nothing}
      </h3>
      ${d.type ? html`<span class="chip">${d.type}</span>` : nothing} ${chips(d.aliases)}
    </div>
    <dl class="facts">
      <dt>${msg(lang, 'size')}</dt>
      <dd>${formatBytes(d.size, lang)}</dd>
      <dt>${msg(lang, 'files')}</dt>
      <dd>${formatNumber(d.fileCount ?? d.files.length, lang)}</dd>
      <dt>${msg(lang, 'created')}</dt>
      <dd>${formatDateTime(d.createdAt, lang)}</dd>
      ${
        d.digest
          ? html`<dt>${msg(lang, 'digest')}</dt>
              <dd><code>${d.digest}</code>${c.copyButton(d.digest, `detail:${d.id}`, d.name)}</dd>`
          : nothing
      }
    </dl>
    ${
      d.description
        ? html`<section class="block">
            <h4>${dmsg(lang, 'description')}</h4>
            <div class="markdown">${markdown(d.description, { headingOffset: DESCRIPTION_HEADING_OFFSET })}</div>
          </section>`
        : nothing
    }
    <section class="block metadata">
      <h4>${dmsg(lang, 'metadata')}</h4>
      ${
        metadata
          ? renderJsonTree(metadata, { open: c.jsonOpen, onToggle: c.toggleJson, more: (n) => msg(lang, 'more', n) })
          : html`<p class="muted">${dmsg(lang, 'noMetadata')}</p>`
      }
    </section>
    <section class="block" part="files">
      <h4>${dmsg(lang, 'filesHeading')} <span class="count">${formatNumber(d.files.length, lang)}</span></h4>
      ${renderFiles(d, c)}
    </section>
    ${renderLineage(d, c)} ${renderVersions(d, c)}
  </article>`;
}

function renderFiles(d: ArtifactDetail, c: DetailContext): TemplateResult {
  if (!c.source || !c.runId) return html``;
  let browser = browsers.get(d);
  if (browser === undefined) {
    browser = createArtifactFileBrowser(artifactFilesSource(c.source, c.runId, d), c.runId) ?? null;
    browsers.set(d, browser);
  }
  if (browser) return html`${browser}`;
  // No <file-browser> registered on this page: the manifest as a plain list.
  return html`<ul class="manifest mono">
    ${d.files.slice(0, MANIFEST_LIMIT).map((f) => html`<li>${f.path} <span class="muted">${formatBytes(f.size, c.lang)}</span></li>`)}
    ${d.files.length > MANIFEST_LIMIT ? html`<li class="muted">${msg(c.lang, 'more', d.files.length - MANIFEST_LIMIT)}</li>` : nothing}
  </ul>`;
}

function runLink(run: RunRef, c: DetailContext): TemplateResult {
  return html`<button class="link" type="button" data-run=${run.id} @click=${() => c.openRun(run)}>
      ${run.name || run.id}
    </button>
    ${run.name && run.name !== run.id ? html`<code class="muted">${run.id}</code>` : nothing}
    ${run.project ? html`<span class="muted">${run.project}</span>` : nothing}
    ${run.id === c.runId ? html`<span class="muted">${dmsg(c.lang, 'thisRun')}</span>` : nothing}`;
}

function renderLineage(d: ArtifactDetail, c: DetailContext): TemplateResult {
  const lang = c.lang;
  const consumers = Array.isArray(d.consumers) ? d.consumers.filter((r) => r && typeof r.id === 'string') : [];
  const producer = d.producer && typeof d.producer.id === 'string' ? d.producer : undefined;
  return html`<section class="block" part="lineage">
    <h4>${dmsg(lang, 'lineage')}</h4>
    <dl class="facts">
      <dt>${dmsg(lang, 'producer')}</dt>
      <dd>${producer ? runLink(producer, c) : html`<span class="muted">${dmsg(lang, 'unknownProducer')}</span>`}</dd>
      <dt>${dmsg(lang, 'consumers')}</dt>
      <dd>
        ${
          consumers.length
            ? html`<ul class="lineage">
                ${consumers.map((r) => html`<li>${runLink(r, c)}</li>`)}
              </ul>`
            : html`<span class="muted">${dmsg(lang, 'noConsumers')}</span>`
        }
      </dd>
    </dl>
  </section>`;
}

function renderVersions(d: ArtifactDetail, c: DetailContext): TemplateResult | typeof nothing {
  const lang = c.lang;
  const versions = Array.isArray(d.versions) ? d.versions.filter((v) => v && typeof v.id === 'string') : [];
  if (!versions.length) return nothing;
  return html`<section class="block">
    <h4>${dmsg(lang, 'versions')}</h4>
    <ul class="versions">
      ${versions.map((v) => {
        const label = `${v.name ?? d.name}${v.version ? `:${v.version}` : ''}`;
        const current = v.id === d.id;
        return html`<li aria-current=${current ? 'true' : nothing}>
          ${
            current
              ? html`<strong>${label}</strong> <span class="muted">(${dmsg(lang, 'current')})</span>`
              : c.inRun.has(v.id)
                ? html`<button
                    class="link"
                    type="button"
                    @click=${() => c.open({ ...v, aliases: Array.isArray(v.aliases) ? v.aliases : [] })}
                  >
                    ${label}
                  </button>`
                : html`<span>${label}</span> <span class="muted">(${dmsg(lang, 'notInRun')})</span>`
          }
          ${chips(v.aliases)}
          <span class="muted">${formatDateTime(v.createdAt, lang)}</span>
        </li>`;
      })}
    </ul>
  </section>`;
}
