/** Images, sanitized SVG, audio and video from a URL (the source's, or a Blob URL the preview owns). */
import { html, type TemplateResult } from 'lit';

// Tiny images (32 px samples are common in runs) are drawn larger, with crisp pixels.
const markSmall = (e: Event): void => {
  const img = e.currentTarget as HTMLImageElement;
  img.classList.toggle('small', img.naturalWidth > 0 && img.naturalWidth < 160 && img.naturalHeight < 160);
};

export function renderImage(url: string, name: string): TemplateResult {
  return html`<div class="media" part="media"><img src=${url} alt=${name} @load=${markSmall} /></div>`;
}

export function renderAudio(url: string, name: string): TemplateResult {
  return html`<div class="media" part="media">
    <audio controls preload="metadata" src=${url} aria-label=${name}></audio>
  </div>`;
}

export function renderVideo(url: string, name: string): TemplateResult {
  return html`<div class="media" part="media">
    <video controls preload="metadata" src=${url} aria-label=${name}></video>
  </div>`;
}
