// The React example on a generated run: `npx vite demo/react` (Vite compiles the TSX with demo/react/tsconfig.json).
import { createRoot } from 'react-dom/client';
import { MemorySource } from '../../src/index.js';
import { generateSampleRun } from '../../src/data/sample-run.js';
import { RunDashboard } from './RunDashboard.js';

const source = new MemorySource(generateSampleRun({ seed: 7, steps: 500 }));
createRoot(document.getElementById('app')!).render(
  <RunDashboard source={source} onTabChange={(tab) => console.log('tab', tab)} />,
);
