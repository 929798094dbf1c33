import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { PHONE_WIDTH } from '../../../stories/support/phone.js';

type Story = {
  render?: () => TemplateResult;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
  /** Runs before the story renders, as Storybook does; what it returns runs when the story is left. */
  beforeEach?: () => unknown;
};

export interface StoryExpectations<E extends HTMLElement> {
  /** The tag of the element the stories show. */
  tag: string;
  /** A selector in the element's shadow root per story name… */
  expected?: Record<string, string>;
  /** …and for every other story. */
  fallback: string;
  /** Further checks once the selector is there. */
  check?: (el: E, name: string) => void | Promise<void>;
  /** Runs each story's `play` function, as Storybook does. */
  play?: boolean;
}

const STATES: Record<string, string> = {
  Loading: '.rp-state--loading',
  Empty: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
  MalformedAnswers: '.rp-read-problems',
};

/** One test per story of a stories module: it renders and shows what its name promises. */
export function describeStories<E extends HTMLElement>(module: object, o: StoryExpectations<E>): void {
  describe(`${o.tag} stories`, () => {
    let left: (() => void) | undefined;
    afterEach(() => {
      left?.();
      left = undefined;
    });
    for (const [name, story] of Object.entries(module as Record<string, Story>)) {
      if (name === 'default' || typeof story?.render !== 'function') continue;
      it(`${name} renders what it promises`, async function () {
        this.timeout(60_000);
        const cleanup = await story.beforeEach?.();
        if (typeof cleanup === 'function') left = cleanup as () => void;
        const wrapper = await fixture<HTMLElement>(story.render!());
        const el = (wrapper.localName === o.tag ? wrapper : wrapper.querySelector(o.tag)) as E;
        if (o.play && story.play) {
          const canvasElement = document.createElement('div');
          wrapper.replaceWith(canvasElement);
          canvasElement.append(wrapper);
          void story.play({ canvasElement });
        }
        const want = o.expected?.[name] ?? STATES[name] ?? o.fallback;
        await waitUntil(() => el.shadowRoot!.querySelector(want), `${name}: no ${want}`, { timeout: 30_000 });
        if (name === 'Phone') {
          // a phone-wide story fits its 390 px frame: nothing sticks out sideways
          expect(el.getBoundingClientRect().width, `${name}: element width`).to.be.at.most(PHONE_WIDTH + 0.5);
          expect(wrapper.scrollWidth, `${name}: frame scrolls sideways`).to.be.at.most(PHONE_WIDTH);
        }
        await o.check?.(el, name);
      });
    }
  });
}
