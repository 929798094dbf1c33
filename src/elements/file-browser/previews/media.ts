/** Images, sanitized SVG, audio and video from a URL (the source's, or a Blob URL the preview owns). */
import { html, type TemplateResult } from 'lit';

export function renderImage(url: string, name: string): TemplateResult {
  return html`<div class="media" part="media"><img src=${url} alt=${name} /></div>`;
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
