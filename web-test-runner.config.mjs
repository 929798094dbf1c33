import { existsSync } from 'node:fs';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { trimmedUplot } from './scripts/trim-uplot.mjs';
import { cspHeaders, frameworkPlugins, runpageServer } from './test/wtr/embedding.mjs';

const executablePath = CHROMIUM_PATH;
if (!existsSync(executablePath)) {
  console.error(
    `No Chromium at ${executablePath}: install one with \`apt-get install -y chromium\` (or set CHROME_PATH to a Chromium binary).`,
  );
  process.exit(1);
}

const testServer = runpageServer();

/** Charts in tests draw with uPlot as every build ships it: trimmed (scripts/trim-uplot.mjs). */
const shippedUplot = {
  name: 'shipped-uplot',
  transform(context) {
    if (context.path.endsWith('/uplot/dist/uPlot.esm.js')) return { body: trimmedUplot(context.body) };
  },
};

export default {
  files: ['test/browser/**/*.test.ts', 'test/browser/**/*.test.tsx', 'test/hostile/client/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  plugins: [
    // before esbuild, which reformats the text the cuts look for
    shippedUplot,
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    ...frameworkPlugins(),
    testServer.plugin,
  ],
  middleware: [cspHeaders, testServer.middleware],
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
