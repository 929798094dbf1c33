// The `npm start` demo: the full run page on a generated run that keeps training while you watch.
import '../src/define.js';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import type { RunPage } from '../src/elements/run-page/run-page.js';

const run = generateSampleRun({ seed: 7, state: 'running', steps: 1500, extraMetrics: 24 });
const source = new MemorySource(run);
playLiveRun(source, run.info.id, { intervalMs: 1000, end: 'never' });

const page = document.querySelector<RunPage>('#page')!;
page.source = source;

const theme = document.querySelector<HTMLSelectElement>('#theme')!;
const lang = document.querySelector<HTMLSelectElement>('#lang')!;
const params = new URLSearchParams(location.search);
theme.value = params.get('theme') ?? 'light';
lang.value = params.get('lang') ?? 'en';

function apply(): void {
  page.setAttribute('theme', theme.value);
  document.documentElement.lang = lang.value;
}
theme.addEventListener('change', apply);
lang.addEventListener('change', apply);
apply();
