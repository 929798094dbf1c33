import { defineElement } from '../../internal/define-element.js';
import { provideTab } from '../../internal/tab-registry.js';
import { ArtifactList } from './artifact-list.js';
// The detail view shows an artifact's files through <file-browser>: artifact-list.ts loads it with the detail.

defineElement('artifact-list', ArtifactList);
provideTab('artifacts', ArtifactList);

declare global {
  interface HTMLElementTagNameMap {
    'artifact-list': ArtifactList;
  }
}
