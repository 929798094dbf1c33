// Stands for another library that registered <log-viewer> before runpage loads.
customElements.define(
  'log-viewer',
  class OtherLibraryLogViewer extends HTMLElement {
    connectedCallback() {
      this.textContent = 'the other library';
    }
  },
);
