/**
 * The workspace says it is loading (`aria-busy`) for as long as a panel on the screen still waits
 * for its chart: from its first render, through every frame that mounts one chart, until each chart
 * on the first screen states its point count. A page (or a test, or assistive technology) that waits
 * for nothing to be busy must not find a quiet moment in between and read a screen still filling.
 *
 * Frames are stepped by hand (requestAnimationFrame is replaced by a queue), so the moments between
 * two frames, where a mount waits, are looked at one by one.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { freshStorageKey, root, sourceOf } from './helpers.js';

const KEYS = Array.from({ length: 12 }, (_, i) => `train/metric_${i}`);

/** requestAnimationFrame callbacks run only when `step()` is called. */
function steppedFrames(): { step(): void; restore(): void } {
  const raf = window.requestAnimationFrame;
  const caf = window.cancelAnimationFrame;
  let queue = new Map<number, FrameRequestCallback>();
  let last = 0;
  window.requestAnimationFrame = (cb) => {
    queue.set(++last, cb);
    return last;
  };
  window.cancelAnimationFrame = (handle) => void queue.delete(handle);
  return {
    step() {
      const now = performance.now();
      const due = queue;
      queue = new Map();
      for (const cb of due.values()) cb(now);
    },
    restore() {
      window.requestAnimationFrame = raf;
      window.cancelAnimationFrame = caf;
    },
  };
}

/** Lets the tasks posted so far run (a message posted now runs after the messages posted before it). */
function afterPostedTasks(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** Visible elements with aria-busy="true" in the workspace and its charts (the e2e probe's view). */
function busy(el: MetricWorkspace): string[] {
  const out: string[] = [];
  const walk = (r: ShadowRoot): void => {
    for (const e of r.querySelectorAll('*')) {
      if (e.getAttribute('aria-busy') === 'true' && e.checkVisibility()) out.push(described(e));
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  walk(root(el));
  return out;
}

function described(e: Element): string {
  const host = (e.getRootNode() as ShadowRoot).host;
  return `${host?.localName ?? ''} › ${e.localName}.${[...e.classList].join('.')}`;
}

/** Panels whose box is in the scroll area, and whether each shows a chart stating its point count. */
function onScreen(el: MetricWorkspace): { id: string; stated: boolean }[] {
  const body = root(el).querySelector<HTMLElement>('.body')!;
  const view = body.getBoundingClientRect();
  return [...root(el).querySelectorAll<HTMLElement>('[data-panel-id]')]
    .filter((p) => {
      const box = p.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom && box.height > 0;
    })
    .map((p) => {
      const chart = p.querySelector('.panel-body > *');
      const text = chart instanceof MetricChart ? (chart.shadowRoot?.textContent ?? '') : '';
      return { id: p.dataset.panelId!, stated: /\ball [\d,]+ raw points\b/.test(text) };
    });
}

describe('metric-workspace: busy until the first screen has its charts', () => {
  let frames: ReturnType<typeof steppedFrames> | undefined;
  let host: HTMLElement | undefined;

  afterEach(() => {
    frames?.restore();
    frames = undefined;
    host?.remove();
    host = undefined;
  });

  it('is busy at every moment between its first render and the last chart of the screen stating its count', async () => {
    frames = steppedFrames();
    host = document.createElement('div');
    host.lang = 'en';
    document.body.append(host);
    const el = document.createElement('metric-workspace') as MetricWorkspace;
    el.source = sourceOf(KEYS);
    el.setAttribute('storage-key', freshStorageKey());
    el.style.height = '700px';
    el.style.width = '900px';
    host.append(el);
    // the panels are shown; no frame has run since, so no chart is mounted yet
    await waitUntil(() => root(el).querySelector('[data-panel-id]'), 'no panels', { timeout: 5000 });
    await el.updateComplete;
    expect(onScreen(el).length, 'panels on the screen').to.be.at.least(2);

    const seen: string[] = [];
    for (let moment = 0; moment < 100; moment++) {
      const panels = onScreen(el);
      const waiting = panels.filter((p) => !p.stated).map((p) => p.id);
      const now = busy(el);
      seen.push(`${moment}: waiting ${waiting.length}, busy ${now.length}`);
      if (!waiting.length && !now.length) return;
      expect(
        now,
        `moment ${moment}: ${waiting.join(', ')} still to show their charts, yet nothing is busy\n${seen.join('\n')}`,
      ).to.not.deep.equal([]);
      // one frame, then the tasks it posted (a mount after the frame), then what they started
      frames.step();
      await afterPostedTasks();
      await el.updateComplete;
      await afterPostedTasks();
    }
    expect.fail(`the first screen did not fill in 100 frames\n${seen.join('\n')}`);
  });
});
