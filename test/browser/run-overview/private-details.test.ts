import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-overview/define.js';
import '../../../src/elements/run-page/define.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { hidePrivateDetails } from '../../../src/data/private-details.js';
import type { RunInfo } from '../../../src/data/source.js';
import { settle, shadowText } from '../helpers/sources.js';

const INFO: RunInfo = {
  id: 'r1',
  name: 'baseline',
  state: 'finished',
  host: 'gpu-box-7',
  user: 'alice',
  command: { program: '/home/alice/train.py', args: ['--lr', '0.1'] },
  python: { version: '3.11.4', executable: '/home/alice/.venv/bin/python' },
  git: { remote: 'https://alice:ghp_0123456789abcdefghijABCDEFGHIJ@github.com/acme/vision.git', commit: 'abc1234567' },
  config: {
    lr: 0.1,
    WANDB_API_KEY: 'f00dfeedf00dfeedf00dfeed',
    optimizer: { name: 'adamw', api_key: 'k3y-v4lue-123' },
  },
  summary: { loss: 0.25 },
};

const q = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];

async function overview(info: RunInfo, attrs: { lang?: string; privateDetails?: string } = {}): Promise<RunOverview> {
  const el = await fixture<RunOverview>(
    html`<run-overview
      .source=${new MemorySource({ info })}
      lang=${attrs.lang ?? 'en'}
      private-details=${attrs.privateDetails ?? 'shown'}
    ></run-overview>`,
  );
  await settle(el);
  return el;
}

function factText(el: Element, label: string): string | undefined {
  const fact = qa(el, '.fact').find((f) => f.querySelector('dt')?.textContent?.trim() === label);
  return fact?.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim();
}

describe('<run-overview> and private details', () => {
  it('shows what a server withheld as hidden on this server, not as never recorded', async () => {
    const el = await overview(hidePrivateDetails(INFO));
    expect(factText(el, 'Host')).to.equal('hidden on this server');
    expect(factText(el, 'User')).to.equal('hidden on this server');
    expect(factText(el, 'Command')).to.equal('hidden on this server');
    expect(factText(el, 'Python')).to.equal('3.11.4 executable: hidden on this server');
    expect(factText(el, 'Git')).to.contain('https://github.com/acme/vision.git');
    expect(factText(el, 'Git')).to.contain('credentials: hidden on this server');
    const hidden = q(el, '[part="withheld"].withheld-list')!.textContent!.replace(/\s+/g, ' ');
    expect(hidden).to.contain('Config: 2 entries hidden on this server:');
    expect(hidden).to.contain('WANDB_API_KEY');
    expect(hidden).to.contain('optimizer.api_key');
    const text = shadowText(el);
    for (const secret of ['gpu-box-7', 'alice', 'f00dfeed', 'k3y-v4lue', 'ghp_']) expect(text).not.to.contain(secret);
    expect(text).to.contain('adamw');
  });

  it('hides them itself with private-details="hidden", for pages on other sources', async () => {
    const shown = await overview(INFO);
    expect(factText(shown, 'Host')).to.equal('gpu-box-7');
    const el = await overview(INFO, { privateDetails: 'hidden' });
    expect(factText(el, 'Host')).to.equal('hidden on this page');
    expect(factText(el, 'Command')).to.equal('hidden on this page');
    expect(shadowText(el)).not.to.contain('gpu-box-7');
    expect(shadowText(el)).not.to.contain('f00dfeed');
    // Switching back shows them again.
    el.privateDetails = 'shown';
    await settle(el);
    expect(factText(el, 'Host')).to.equal('gpu-box-7');
  });

  it('says so in Japanese', async () => {
    const el = await overview(hidePrivateDetails(INFO), { lang: 'ja' });
    expect(factText(el, 'ホスト')).to.equal('このサーバーでは非表示');
    expect(q(el, '.withheld-list')!.textContent).to.contain('2 件の項目はこのサーバーでは非表示');
    const page = await overview(INFO, { lang: 'ja', privateDetails: 'hidden' });
    expect(factText(page, 'ホスト')).to.equal('このページでは非表示');
  });

  it('warns about a bad value and shows the details', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      const el = await overview(INFO, { privateDetails: 'secret' });
      expect(el.privateDetails).to.equal('shown');
      expect(factText(el, 'Host')).to.equal('gpu-box-7');
      expect(String(warnings[0])).to.contain('private-details');
    } finally {
      console.warn = warn;
    }
  });

  it('<run-page private-details="hidden"> hides them on its Overview', async () => {
    const page = await fixture<RunPage>(
      html`<run-page
        no-hash
        private-details="hidden"
        .source=${new MemorySource({ info: { ...INFO, name: 'run on gpu-box-7' } })}
      ></run-page>`,
    );
    await settle(page);
    const el = page.shadowRoot!.querySelector('run-overview') as RunOverview;
    await settle(el);
    expect(el.privateDetails).to.equal('hidden');
    expect(factText(el, 'Host')).to.equal('hidden on this page');
    expect(page.shadowRoot!.querySelector('.title')!.textContent).to.equal('run on [hidden]');
  });
});
