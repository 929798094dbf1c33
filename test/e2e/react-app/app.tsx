// A React app as a user writes it against the installed package: `runpage/react` wrappers with a
// property (source), attributes (theme, no-hash) and an event prop. test/e2e/react-apps.test.ts
// builds it with Vite against React 18 and against React 19.
import { version, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MemorySource } from 'runpage';
import { generateSampleRun } from 'runpage/sample-run.js';
import { RunPage, RunSource, RunOverview } from 'runpage/react';

const run = generateSampleRun({ seed: 5, steps: 60, gpus: 1, logLines: 30 });
const source = new MemorySource(run);

function App() {
  const [tab, setTab] = useState('overview');
  return (
    <main data-run-name={run.info.name}>
      <p id="status">
        React {version}; tab: {tab}
      </p>
      <RunSource source={source}>
        <RunOverview id="overview" />
      </RunSource>
      <RunPage id="page" source={source} theme="dark" noHash onRunPageTabChange={(e) => setTab(e.detail.tab)} />
    </main>
  );
}

createRoot(document.getElementById('app')!).render(<App />);
