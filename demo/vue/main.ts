// The Vue example on a generated run: `npx vite demo/vue`.
import { createApp, h } from 'vue';
import { MemorySource } from '../../src/index.js';
import { generateSampleRun } from '../../src/data/sample-run.js';
import { RunDashboard } from './run-dashboard.js';

const source = new MemorySource(generateSampleRun({ seed: 7, steps: 500 }));
createApp({ render: () => h(RunDashboard, { source, onTabChange: (tab: string) => console.log('tab', tab) }) }).mount(
  '#app',
);
