// The system Chromium every tool here launches (tests, screenshots, benchmarks): where it is and the
// flags it needs on these machines (no sandbox as root, no GPU, no calls home on a closed network).
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
