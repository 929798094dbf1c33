// What web-test-runner needs for the embedding tests (test/browser/embedding/):
// - a strict Content-Security-Policy header on the CSP test pages,
// - a real `runpage serve` server over a sample run, reachable same-origin under /runpage-server/,
// - React (CommonJS) served as ES modules from one esbuild bundle; Vue's esm-bundler build with its flags,
// - JSON imported as a module (the stories import custom-elements.json),
// - .tsx files compiled with React's automatic JSX runtime (demo/react/tsconfig.json).
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import rollupReplace from '@rollup/plugin-replace';
import { tsImport } from 'tsx/esm/api';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self' blob:";

/** The CSP page, served under the policy the README documents. */
const CSP_PAGES = new Map([['/test/pages/csp.html', STRICT_CSP]]);

export async function cspHeaders(ctx, next) {
  await next();
  const policy = CSP_PAGES.get(ctx.path);
  if (policy) ctx.set('Content-Security-Policy', policy);
}

const SERVER_PREFIX = '/runpage-server/';
/** The run the test server serves; test/browser/embedding/server-src.test.ts names it. */
export const SERVER_RUN = { seed: 42, steps: 200, gpus: 2, logLines: 100, id: 'served-run' };

/** Starts the server from the TypeScript sources. */
async function startTestServer() {
  const [{ RunRegistry }, { startServer }, { generateSampleRun }] = await Promise.all([
    tsImport('../../src/server/registry.ts', import.meta.url),
    tsImport('../../src/server/server.ts', import.meta.url),
    tsImport('../../src/data/sample-run.ts', import.meta.url),
  ]);
  const registry = new RunRegistry({ log: () => {} });
  registry.addMemoryRun(generateSampleRun(SERVER_RUN));
  return startServer(registry);
}

/**
 * A runpage server over one sample run, proxied under /runpage-server/. It starts on the first
 * request, so test runs that never ask for it (and a server being edited) cost nothing.
 */
export function runpageServer() {
  let starting;
  const proxy = async (ctx, next) => {
    if (!ctx.path.startsWith(SERVER_PREFIX)) return next();
    starting ??= startTestServer();
    let server;
    try {
      server = await starting;
    } catch (e) {
      starting = undefined;
      ctx.status = 502;
      ctx.body = `The runpage test server did not start: ${e?.stack ?? e}`;
      return;
    }
    const target = new URL(ctx.url.slice(SERVER_PREFIX.length - 1), server.url);
    ctx.respond = false;
    await new Promise((resolve) => {
      const upstream = request(
        target,
        { method: ctx.method, headers: { ...ctx.headers, host: target.host } },
        (res) => {
          ctx.res.writeHead(res.statusCode ?? 502, res.headers);
          res.pipe(ctx.res);
          res.on('end', resolve);
          res.on('error', resolve);
        },
      );
      upstream.on('error', (e) => {
        ctx.res.writeHead(502).end(String(e));
        resolve();
      });
      ctx.req.on('close', () => upstream.destroy());
      upstream.end();
    });
  };
  return {
    middleware: proxy,
    plugin: {
      name: 'runpage-test-server',
      async serverStop() {
        const server = await starting?.catch(() => undefined);
        await server?.close();
      },
    },
  };
}

/** Bare React imports the examples use, and the name each one has in the shared bundle. */
const REACT_MODULES = {
  react: 'React',
  'react/jsx-runtime': 'JSXRuntime',
  'react/jsx-dev-runtime': 'JSXDevRuntime',
  'react-dom': 'ReactDOM',
  'react-dom/client': 'ReactDOMClient',
};
const REACT_PREFIX = '/__react/';

/**
 * React ships CommonJS only. One esbuild bundle holds every React module (one copy of React, as an
 * app's bundler would make), and small ES modules re-export each one's names from it.
 */
function reactAsEsm() {
  const require = createRequire(import.meta.url);
  let bundle;
  const modules = new Map(
    Object.entries(REACT_MODULES).map(([specifier, name]) => {
      const names = Object.keys(require(specifier)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      const body = `import { ${name} as m } from './all.js';\nexport default m.default ?? m;\nexport const { ${names.join(', ')} } = m;\n`;
      return [`${REACT_PREFIX}${specifier.replace(/\//g, '__')}.js`, body];
    }),
  );
  return {
    name: 'react-as-esm',
    resolveImport({ source }) {
      if (source in REACT_MODULES) return `${REACT_PREFIX}${source.replace(/\//g, '__')}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(REACT_PREFIX)) return;
      if (context.path === `${REACT_PREFIX}all.js`) {
        bundle ??= build({
          stdin: {
            contents: Object.entries(REACT_MODULES)
              .map(([specifier, name]) => `export * as ${name} from '${specifier}';`)
              .join('\n'),
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          define: { 'process.env.NODE_ENV': '"development"' },
        }).then((r) => r.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      const body = modules.get(context.path);
      if (body) return { body, type: 'js' };
    },
  };
}

/** `import manifest from '…/custom-elements.json'` (as Vite and Storybook allow) becomes a JS module; fetch() still gets JSON. */
function jsonModules() {
  return {
    name: 'json-modules',
    resolveImport({ source }) {
      if (/\.json$/.test(source)) return `${source}?as-module`;
    },
    resolveMimeType(context) {
      if (context.path.endsWith('.json') && context.URL.searchParams.has('as-module')) return 'js';
    },
    transform(context) {
      if (context.path.endsWith('.json') && context.URL.searchParams.has('as-module')) {
        return { body: `export default ${context.body};`, transformCache: false };
      }
    },
  };
}

/** React (CommonJS) and Vue (esm-bundler build) served to the browser as they are in an app's dev build, and TSX. */
export function frameworkPlugins() {
  return [
    reactAsEsm(),
    jsonModules(),
    fromRollup(rollupReplace)({
      preventAssignment: true,
      include: [/node_modules\/(vue|@vue\/[\w-]+)\//],
      values: {
        'process.env.NODE_ENV': JSON.stringify('development'),
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    esbuildPlugin({ tsx: true, tsconfig: './demo/react/tsconfig.json', target: 'es2022' }),
  ];
}
