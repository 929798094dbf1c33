import { readdirSync, existsSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';

const elementDefines = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
  .map((d) => `src/elements/${d.name}/define.ts`);

const optional = (path) => (existsSync(path) ? [path] : []);

// The npm build: one module per source file, every dependency left to the user's bundler.
const isDependency = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

const library = {
  input: [
    'src/index.ts',
    'src/define.ts',
    ...elementDefines,
    ...optional('src/data/sample-run.ts'),
    ...optional('src/server/cli.ts'),
  ],
  external: (id) => isDependency(id) || id.startsWith('node:'),
  output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
  plugins: [typescript({ tsconfig: './tsconfig.build.json', outDir: 'dist', declarationDir: 'dist' })],
};

const production = replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });

// The script-tag bundle: everything inside, minified, registers every element.
const bundle = {
  input: 'src/bundle.ts',
  output: { file: 'dist/runpage.bundle.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  plugins: [
    production,
    resolve({ browser: true, exportConditions: ['production'] }),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist', sourceMap: true }),
    terser({ format: { comments: false } }),
  ],
};

// The demo behind `npm start`: the full run page on a live sample run.
const demo = {
  input: 'demo/main.ts',
  output: { file: 'dist/demo/main.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  plugins: [
    production,
    resolve({ browser: true, exportConditions: ['production'] }),
    typescript({ tsconfig: './tsconfig.demo.json' }),
  ],
};

export default [library, bundle, ...(existsSync('demo/main.ts') ? [demo] : [])];
