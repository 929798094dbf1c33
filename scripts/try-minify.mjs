/**
 * Tries terser settings on the script-tag bundle: builds rollup.config.js's bundle once without its
 * minifier, then minifies it with each set of options given and prints the gzip -9 sizes of what an
 * all-elements page loads (the entry and its static chunk, the readers' chunk) and of the other lazy
 * chunks. Run `npm run build` first only if you want the bench as well; this needs nothing built.
 *
 *   node scripts/try-minify.mjs '{"now":{"compress":{"passes":2}},"three":{"compress":{"passes":3}}}'
 */
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import terser from '@rollup/plugin-terser';

const configs = (await import(new URL('../rollup.config.js', import.meta.url).href)).default;
const config = configs.find((c) => c.input === 'src/bundle.ts');
const variants = JSON.parse(process.argv[2] ?? '{"now":{"compress":{"passes":2},"format":{"comments":false}}}');
const build = await rollup({ ...config, plugins: config.plugins.filter((p) => p.name !== 'terser') });
for (const [name, options] of Object.entries(variants)) {
  const { output } = await build.generate({ ...config.output, sourcemap: false, plugins: [terser(options)] });
  let page = 0;
  let read = 0;
  let lazy = 0;
  for (const chunk of output) {
    if (chunk.type !== 'chunk') continue;
    const size = gzipSync(chunk.code, { level: 9 }).length;
    if (chunk.isEntry || chunk.fileName.startsWith('bundle-chunks/bundle-')) page += size;
    else if (chunk.fileName.startsWith('bundle-chunks/read-')) read += size;
    else lazy += size;
  }
  console.log(`${name.padEnd(20)} first use ${page + read} B (static ${page}, readers ${read}); other lazy ${lazy} B`);
}
await build.close();
