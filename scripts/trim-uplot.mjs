/**
 * A rollup plugin for the script-tag bundle: leaves out the uPlot helpers runpage never calls, so
 * their code is tree-shaken away (~2.7 KB gzip): the `stepped`, `bars` and `spline` path builders
 * (the chart draws with its own paths, src/elements/metric-chart/line-paths.ts), `uPlot.join` and
 * `uPlot.tzDate`. uPlot attaches them to itself as statics, which no bundler can drop on its own.
 *
 * Two guards: the build fails when one of the statements is not in uPlot's file as written here (a
 * new uPlot version: look again), and when one of our modules names a trimmed helper.
 */
const TRIMMED = [
  'uPlot.join = join;',
  'uPlot.tzDate  = tzDate;',
  '(paths.stepped = stepped);',
  '(paths.bars    = bars);',
  '(paths.spline  = monotoneCubic);',
];
const USES_TRIMMED = /\buPlot\s*\.\s*(?:join|tzDate|paths)\b/;

export function trimUplot() {
  return {
    name: 'trim-uplot',
    transform(code, id) {
      if (/[\\/]node_modules[\\/]uplot[\\/]dist[\\/]uPlot\.esm\.js$/.test(id)) {
        let out = code;
        for (const statement of TRIMMED) {
          if (!out.includes(statement)) this.error(`trim-uplot: "${statement}" is not in ${id}; check the new uPlot`);
          out = out.replace(statement, ' '.repeat(statement.length));
        }
        return { code: out, map: null };
      }
      if (!id.includes('node_modules') && USES_TRIMMED.test(code)) {
        this.error(`trim-uplot: ${id} uses a uPlot helper the script-tag bundle leaves out (scripts/trim-uplot.mjs)`);
      }
      return null;
    },
  };
}
