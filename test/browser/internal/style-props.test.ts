import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { styleProps } from '../../../src/internal/style-props.js';

type Props = Record<string, string | number | undefined>;

/** Renders a span with `styleProps(props)` into `host` and records every setProperty call on its style. */
function renderInto(host: HTMLElement, props: Props): HTMLSpanElement {
  render(html`<span style=${styleProps(props)}></span>`, host);
  return host.querySelector('span')!;
}

describe('styleProps', () => {
  it('sets each value through the CSSOM, sets again only what changed, and removes what went', () => {
    const host = document.createElement('div');
    const span = renderInto(host, { '--swatch': 'red', height: '20px' });
    expect(span.style.getPropertyValue('--swatch')).to.equal('red');
    expect(span.style.height).to.equal('20px');
    expect(span.hasAttribute('style')).to.equal(true);

    const set: string[] = [];
    const original = span.style.setProperty.bind(span.style);
    span.style.setProperty = (name: string, value: string | null, priority?: string) => {
      set.push(`${name}=${value}`);
      original(name, value, priority);
    };
    // a render with the same values sets nothing
    renderInto(host, { '--swatch': 'red', height: '20px' });
    expect(set).to.deep.equal([]);
    // a changed value is set, the unchanged one is not; a value that went is removed
    renderInto(host, { '--swatch': 'blue', height: '20px' });
    expect(set).to.deep.equal(['--swatch=blue']);
    renderInto(host, { '--swatch': 'blue' });
    expect(span.style.height).to.equal('');
    expect(span.style.getPropertyValue('--swatch')).to.equal('blue');
    // set again after it went
    renderInto(host, { '--swatch': 'blue', height: 20 });
    expect(set).to.deep.equal(['--swatch=blue', 'height=20']);
    expect(span.style.height).to.equal('');
    renderInto(host, { '--swatch': 'blue', height: '21px' });
    expect(span.style.height).to.equal('21px');
  });
});
