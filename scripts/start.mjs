// `npm start`: install what is missing, build, and serve the full run page on a live sample run.
import { spawnSync } from 'node:child_process';
import { serveStatic } from './static-server.mjs';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['scripts/ensure-deps.mjs']);
console.log('runpage: building…');
process.env.RUNPAGE_BUILD = 'demo';
run('npx', ['rollup', '-c', '--silent']);

const host = process.env.HOST ?? '127.0.0.1';
let port = Number(process.env.PORT ?? 8080);
for (let attempt = 0; ; attempt++) {
  try {
    await serveStatic('.', { port, host });
    break;
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || attempt > 20) throw e;
    port++;
  }
}
console.log(`\nrunpage demo: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/\n(Ctrl+C to stop)`);
