#!/usr/bin/env node
// The runpage command line: a shim over the compiled src/server/cli.ts (see `runpage --help`).
let cli;
try {
  cli = await import('../dist/server/cli.js');
} catch (e) {
  console.error(`runpage: the package is not built (${e.message}). Run \`npm run build\` in the runpage package.`);
  process.exit(1);
}
await cli.runCli(process.argv.slice(2));
