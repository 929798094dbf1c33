// bin/runpage.js over the TypeScript sources (no build needed): what the deployment tests run in
// place of `node bin/runpage.js`, with the same arguments.
import { runCli } from '../../../../src/server/cli.js';

await runCli(process.argv.slice(2));
