/**
 * A rollup plugin for every build that ships uPlot (both script-tag builds, and the npm build's
 * dist/vendor/uplot.js): cuts the parts of uPlot that runpage never reaches, so that the minifier
 * drops their code. uPlot hangs its helpers on itself as statics and picks features from its
 * options at run time, which no bundler can see through on its own.
 *
 * Each cut below replaces a piece of uPlot's file, written as it is there, by text of the same length
 * (blank padded, line breaks kept, so uPlot's source map stays right). Guards, each failing the build:
 * - a piece is not in uPlot's file as many times as written (a new uPlot version: look again);
 * - one of our modules names a static that is cut (`uPlot.join`, `uPlot.paths`, …), or a module
 *   other than plot-view.ts imports uPlot (its options could then differ);
 * - the module that builds the chart's uPlot options (plot-options.ts) stops saying what the cuts
 *   rely on, or starts using what they remove (OPTIONS_SAY, OPTIONS_NEVER), or is not in a build
 *   that trims uPlot.
 */

/**
 * { cut: uPlot's text, to: what replaces it (default: nothing), times: how often it is there
 * (default 1), why: why runpage never needs it }. The cuts apply in this order.
 */
export const UPLOT_CUTS = [
  // statics: no runpage module calls them (USES_TRIMMED below keeps it so)
  { cut: 'uPlot.join = join;', why: 'the chart aligns its own columns (chart-data.ts)' },
  { cut: 'uPlot.tzDate  = tzDate;', why: 'axis-format.ts formats wall-clock ticks' },
  { cut: 'uPlot.fmtDate = fmtDate;', why: 'axis-format.ts formats wall-clock ticks' },
  { cut: 'uPlot.rangeAsinh = rangeAsinh;', why: 'no asinh scales (distr 4)' },
  { cut: 'uPlot.addGap = addGap;', why: 'our path builders split lines at gaps (line-paths.ts)' },
  { cut: 'uPlot.clipGaps = clipGaps;', why: 'our path builders split lines at gaps (line-paths.ts)' },
  { cut: 'let paths = uPlot.paths = {\n\t\tpoints,\n\t};', why: 'every series has its own `paths` (line-paths.ts)' },
  { cut: '(paths.linear  = linear);', why: 'every series has its own `paths`' },
  { cut: '(paths.stepped = stepped);', why: 'every series has its own `paths`' },
  { cut: '(paths.bars    = bars);', why: 'every series has its own `paths`' },
  { cut: '(paths.spline  = monotoneCubic);', why: 'every series has its own `paths`' },
  { cut: 'uPlot.orient   = orient;', why: 'our path builders place their own points (line-paths.ts)' },
  { cut: 'uPlot.assign = assign;', why: 'no runpage module merges uPlot options with it' },
  { cut: 'uPlot.fmtNum = fmtNum;', why: 'axis-format.ts formats every tick' },
  { cut: 'uPlot.rangeNum = rangeNum;', why: 'plot-view.ts gives every scale its range' },
  { cut: 'uPlot.rangeLog = rangeLog;', why: 'plot-view.ts gives every scale its range' },
  // instance methods: no runpage module calls them (USES_TRIMMED below keeps it so)
  { cut: 'self.addSeries = addSeries;', why: 'a chart with other series is a new uPlot (plot-view.ts)' },
  { cut: 'self.delSeries = delSeries;', why: 'a chart with other series is a new uPlot (plot-view.ts)' },
  {
    cut: 'self.addBand = addBand;\n\tself.setBand = setBand;\n\tself.delBand = delBand;',
    why: 'no bands (see below)',
  },
  {
    cut: 'if (opts.focus != null)\n\t\t\tsetFocus(i);',
    why: 'no cursor focus (see below), and setSeries is only ever given `show`',
  },
  // defaults that runpage's options always replace
  { cut: 'const linearPath = linear() ;', to: 'const linearPath = null;', why: 'every series has its own `paths`' },
  {
    cut: 'const pointsPath = points() ;',
    to: 'const pointsPath = null;',
    why: 'every series: `points: { show: false }`',
  },
  { cut: 'const showLegend = legend.show;', to: 'const showLegend = false;', why: '`legend: { show: false }`' },
  {
    cut: 'const _fmtDate = (opts.fmtDate || fmtDate);',
    to: 'const _fmtDate = null;',
    why: 'every axis has its own `values`, and no series a `value`: no date template is formatted',
  },
  {
    cut: 'const _timeAxisVals   = timeAxisVals(_tzDate, timeAxisStamps((ms == 1 ? _timeAxisStampsMs : _timeAxisStampsS), _fmtDate));',
    to: 'const _timeAxisVals = null;',
    why: 'every axis has its own `values`',
  },
  {
    cut: 'const _timeSeriesVal  = timeSeriesVal(_tzDate, timeSeriesStamp(_timeSeriesStamp, _fmtDate));',
    to: 'const _timeSeriesVal = null;',
    why: 'a series value is only shown in uPlot’s legend',
  },
  {
    cut: 'axis.values = (\n\t\t\t\t// static array of tick values\n\t\t\t\tisArr(av) && !isArr(av[0]) ? fnOrSelf(av) :\n\t\t\t\t// temporal\n\t\t\t\tisTime ? (\n\t\t\t\t\t// config array of fmtDate string tpls\n\t\t\t\t\tisArr(av) ?\n\t\t\t\t\t\ttimeAxisVals(_tzDate, timeAxisStamps(av, _fmtDate)) :\n\t\t\t\t\t// fmtDate string tpl\n\t\t\t\t\tisStr(av) ?\n\t\t\t\t\t\ttimeAxisVal(_tzDate, av) :\n\t\t\t\t\tav || _timeAxisVals\n\t\t\t\t) : av || numAxisVals\n\t\t\t);',
    why: 'every axis `values` is a function, kept as it is: no tick arrays, date templates or default number ticks',
  },
  // every scale has its own `range` function (plot-view.ts): uPlot's range defaults are never picked
  {
    cut: 'if (scaleKey != xScaleKey || (mode == 2 && !isTime)) {',
    to: 'if (0) {',
    why: 'a range given as limits or a config object: ours are functions',
  },
  {
    cut: 'sc.range = fnOrSelf(rn || (isTime ? snapTimeX : scaleKey == xScaleKey ?\n\t\t\t\t\t(sc.distr == 3 ? snapLogX : sc.distr == 4 ? snapAsinhX : snapNumX) :\n\t\t\t\t\t(sc.distr == 3 ? snapLogY : sc.distr == 4 ? snapAsinhY : snapNumY)\n\t\t\t\t));',
    to: 'sc.range = fnOrSelf(rn);',
    why: 'every scale has a `range`',
  },
  {
    cut: 'else if (_min == _max) {',
    to: 'else if (0) {',
    why: 'the x range of a new plot is the view’s (plot-view.ts), and it widens an empty range itself',
  },
  {
    cut: 's.value = isTime ? (isStr(sv) ? timeSeriesVal(_tzDate, timeSeriesStamp(sv, _fmtDate)) : sv || _timeSeriesVal) : sv || numSeriesVal;',
    why: 'a series value is only shown in uPlot’s legend',
  },
  // mode 2 (facets: each series its own x) is never used
  { cut: 'mode: ifNull(opts.mode, 1),', to: 'mode: 1,', why: 'no `mode` in the options' },
  { cut: 'const mode = self.mode;', to: 'const mode = 1;', why: 'no `mode` in the options' },
  { cut: 'const mode = u.mode;', to: 'const mode = 1;', why: 'no `mode` in the options' },
  { cut: 'let mode = self.mode;', to: 'let mode = 1;', why: 'no `mode` in the options' },
  // scales are linear or log (distr 1, 3), never asinh (4)
  { cut: 'sc.distr == 4', to: '0', times: 2, why: 'no scale has `distr: 4`' },
  { cut: 'xScaleDistr == 4', to: '0', why: 'no scale has `distr: 4`' },
  { cut: 'distr == 4', to: '0', times: 4, why: 'no scale has `distr: 4` (the rest, after the two above)' },
  // scales are numbers or times, never ordinal (distr 2: x by index)
  { cut: 'xScaleDistr == 2', to: '0', times: 4, why: 'no scale has `distr: 2`' },
  { cut: 'scale.distr == 2', to: '0', times: 5, why: 'no scale has `distr: 2`' },
  { cut: 'sc.distr == 2', to: '0', times: 2, why: 'no scale has `distr: 2`' },
  // the crosshair snaps to x alone: no series focus by proximity
  { cut: 'const cursorFocus = focus.prox >= 0;', to: 'const cursorFocus = false;', why: 'no `focus` in the options' },
  // the chart picks the hovered point of each series itself (`cursor.dataIdx`, plot-view.ts)
  {
    cut: 'if (cursor.dataIdx == null) {',
    to: 'if (0) {',
    why: '`cursor.dataIdx` is given: uPlot’s hover search (skip, prox, bias) is never made',
  },
  // x runs left to right (scale orientation 0), never top to bottom
  { cut: 'scaleX.ori == 0', to: '1', times: 24, why: 'no scale has `ori`' },
  { cut: 'scaleX.ori == 1', to: '0', times: 9, why: 'no scale has `ori`' },
  // no bands: runpage draws its envelopes as filled series (line-paths.ts)
  { cut: 'flags != 0 && bands.forEach(', to: '0 && bands.forEach(', why: 'no `bands` in the options' },
  // work uPlot does as it loads, for features above that runpage never reaches
  {
    cut: "const numFormatter = new Intl.NumberFormat(domEnv ? nav.language : 'en-US');",
    to: 'const numFormatter = null;',
    why: 'numbers are formatted by axis-format.ts (uPlot’s only for its default ticks and legend)',
  },
  { cut: 'const days3 = days.map(slice3);', to: 'const days3 = null;', why: 'for fmtDate, cut above' },
  { cut: 'const months3 = months.map(slice3);', to: 'const months3 = null;', why: 'for fmtDate, cut above' },
  {
    cut: 'const localTz = new Intl.DateTimeFormat().resolvedOptions().timeZone;',
    to: 'const localTz = null;',
    why: 'for tzDate, cut above',
  },
  { cut: 'const wholeIncrs = oneIncrs.filter(onlyWhole);', to: 'const wholeIncrs = null;', why: 'for `distr: 2`' },
  { cut: 'genIncrs(2, -53, 53, [1]);', why: 'its result is thrown away' },
  {
    cut: "facets: [\n\t\tassign({}, facet, {scale: 'x'}),\n\t\tassign({}, facet, {scale: 'y'}),\n\t],",
    why: 'for `mode: 2`',
  },
  // wall-clock x is in milliseconds (`ms: 1`): the tick steps and splits of seconds are never made
  { cut: 'const ms = opts.ms || 1e-3;', to: 'const ms = 1;', why: '`ms: 1` in the options' },
  {
    cut: 'const [ timeIncrsS,  _timeAxisStampsS,  timeAxisSplitsS  ] = genTimeStuffs(1e-3);',
    why: 'for `ms: 1e-3`',
  },
  {
    cut: '(ms == 1 ? timeAxisSplitsMs(_tzDate) : timeAxisSplitsS(_tzDate))',
    to: '(timeAxisSplitsMs(_tzDate))',
    why: '`ms: 1`',
  },
  { cut: '(ms == 1 ? timeIncrsMs : timeIncrsS)', to: '(timeIncrsMs)', why: '`ms: 1`' },
  {
    cut: [
      '// [8]:   mode: 0: replace [1] -> [2-7], 1: concat [1] + [2-7]',
      'const _timeAxisStamps = [',
      '//   tick incr    default          year                    month   day                   hour    min       sec   mode',
      '\t[y,           yyyy,            _,                      _,      _,                    _,      _,        _,       1],',
      '\t[d * 28,      "{MMM}",         NLyyyy,                 _,      _,                    _,      _,        _,       1],',
      '\t[d,           md,              NLyyyy,                 _,      _,                    _,      _,        _,       1],',
      '\t[h,           "{h}" + aa,      NLmdyy,                 _,      NLmd,                 _,      _,        _,       1],',
      '\t[m,           hmmaa,           NLmdyy,                 _,      NLmd,                 _,      _,        _,       1],',
      '\t[s,           ss,              NLmdyy + " " + hmmaa,   _,      NLmd + " " + hmmaa,   _,      NLhmmaa,  _,       1],',
      '\t[ms,          ss + ".{fff}",   NLmdyy + " " + hmmaa,   _,      NLmd + " " + hmmaa,   _,      NLhmmaa,  _,       1],',
      '];',
    ].join('\n\t'),
    to: 'const _timeAxisStamps = null;',
    why: 'the date templates of uPlot’s default time ticks: every axis has its own `values`',
  },
  // defaults that runpage's options always replace (2)
  { cut: 'show:   cursorPointShow,', to: 'show:   null,', why: 'the cursor `points.show` is ours' },
  { cut: 'show: seriesPointsShow,', to: 'show: null,', why: 'every series: `points: { show: false }`' },
  {
    cut: 'stroke: legendStroke,\n\t\tfill: legendFill,',
    to: 'stroke: null,',
    why: '`legend: { show: false }`',
  },
  {
    cut: 'sc.distr == 3 && sc.log == 2 ? log2AxisValsFilt :',
    why: 'every log scale is base 10',
  },
  { cut: 'else if (s.show && s.auto)', to: 'else if (0)', why: 'every series: `auto: false`' },
  // options runpage never sets
  { cut: 'if (opts.id != null)\n\t\troot.id = opts.id;', why: 'no `id` in the options' },
  { cut: 'if (opts.title) {', to: 'if (0) {', why: 'no `title` in the options' },
  {
    cut: '(opts.plugins || []).forEach(p => {\n\t\tif (p.opts)\n\t\t\topts = p.opts(self, opts) || opts;\n\t});',
    why: 'no `plugins` in the options',
  },
  {
    cut: '(opts.plugins || []).forEach(p => {\n\t\tfor (let evName in p.hooks)\n\t\t\thooks[evName] = (hooks[evName] || []).concat(p.hooks[evName]);\n\t});',
    why: 'no `plugins` in the options',
  },
  {
    cut: 'bands.forEach(b => {\n\t\tb.fill = fnOrSelf(b.fill || null);\n\t\tb.dir = ifNull(b.dir, -1);\n\t});',
    why: 'no `bands` in the options',
  },
  { cut: 'if (scaleOpts.from != null) {', to: 'if (0) {', why: 'no scale has `from`' },
  { cut: 'if (wsc.from != null) {', to: 'if (0) {', why: 'no scale has `from`' },
  { cut: 'sc.from != null && pendScales[sc.from] != null', to: '0', why: 'no scale has `from`' },
  { cut: 'sc.distr == 100 ? val => sc.fwd(val) :', why: 'no scale has `distr: 100`' },
  { cut: 'distr == 100 ? sc.fwd(sc.min) :', why: 'no scale has `distr: 100`' },
  { cut: 'distr == 100 ? sc.fwd(sc.max) :', why: 'no scale has `distr: 100`' },
  { cut: 'distr == 100 ? sc.bwd(sv) :', why: 'no scale has `distr: 100`' },
  {
    cut: 'let shouldAlpha = series.some(s => s._focus) && ctxAlpha != focus.alpha;',
    to: 'let shouldAlpha = false;',
    why: 'no series focus (cursorFocus above)',
  },
  {
    cut: 'const getMultiVals = series[1] ? series[1].values : null;',
    to: 'const getMultiVals = null;',
    why: 'multi-value legends: `legend: { show: false }`',
  },
  {
    cut: 'axis._rotate = side == 2 ? axis.rotate(self, values, i, _space) : 0;',
    to: 'axis._rotate = 0;',
    why: 'no axis has `rotate`',
  },
  { cut: 'let angle = axis._rotate * -PI/180;', to: 'let angle = 0;', why: 'no axis has `rotate`' },
  { cut: 'axis.align == 1 ? LEFT :\n\t\t\t                   axis.align == 2 ? RIGHT :', why: 'no axis has `align`' },
  { cut: 'if (border.show) {', to: 'if (0) {', why: 'every axis: `border: { show: false }`' },
  { cut: 'getBBox = points.bbox;', to: 'getBBox = null;', why: 'the cursor points have no `bbox`' },
  { cut: 'else if (cursor.lock) {', to: 'else if (0) {', why: 'no cursor `lock`' },
  { cut: 'self.valToIdx = val => closestIdx(val, data[0]);', why: 'no runpage module calls it' },
  { cut: 'self.posToIdx = closestIdxFromXpos;', why: 'no runpage module calls it' },
  // drag selects x alone (`drag: { x: true, y: false }`), never y
  { cut: 'dragY = sdrag._y;', to: 'dragY = false;', why: 'a synced chart drags x alone too' },
  { cut: 'dragY = drag.y && rawDY >= drag.dist;', to: 'dragY = false;', why: '`drag.y` is false' },
  { cut: 'if (uni != null) {', to: 'if (0) {', why: 'no drag `uni`' },
  { cut: 'else if (drag.x && drag.y && (dragX || dragY))', to: 'else if (0)', why: '`drag.y` is false' },
  { cut: 'if (dragY) {', to: 'if (0) {', times: 2, why: '`drag.y` is false' },
  { cut: 'if (matchingY && dragY) {', to: 'if (0) {', why: '`drag.y` is false' },
  { cut: 'if (dragH && dragV) {', to: 'if (0) {', why: '`drag.y` is false' },
  { cut: 'if (dragV && snapV)', to: 'if (0)', why: '`drag.y` is false' },
  {
    cut: [
      'let _gaps = s._paths != null ? s._paths.gaps : null;',
      '',
      '\t\t\t\t\t\tlet show = s.points.show(self, i, i0, i1, _gaps);',
      '\t\t\t\t\t\tlet idxs = s.points.filter(self, i, show, _gaps);',
      '',
      '\t\t\t\t\t\tif (show || idxs) {',
      '\t\t\t\t\t\t\ts.points._paths = s.points.paths(self, i, i0, i1, idxs);',
      '\t\t\t\t\t\t\tdrawPath(i, true);',
      '\t\t\t\t\t\t}',
    ].join('\n'),
    why: 'every series: `points: { show: false }`, no points `filter`',
  },
  {
    cut: 's.fillTo = fnOrSelf(s.fillTo || seriesFillTo);',
    to: 's.fillTo = fnOrSelf(s.fillTo);',
    why: 'only uPlot’s path builders call it',
  },
  { cut: 'self.valToPosH = getHPos;\n\tself.valToPosV = getVPos;', why: 'for `orient`, cut above' },
  {
    cut: 'const drawOrder = (opts.drawOrder || ["axes", "series"]).map(key => drawOrderMap[key]);',
    to: 'const drawOrder = [drawAxesGrid, drawSeries];',
    why: 'no `drawOrder` in the options',
  },
  {
    cut: 'const _tzDate  = (opts.tzDate || (ts => new Date(round(ts / ms))));',
    to: 'const _tzDate  = ts => new Date(round(ts));',
    why: 'no `tzDate` in the options; `ms: 1`',
  },
  // axes on their default sides: x below (2), y on the left (3)
  { cut: 'case 1: off1 += size; return off1 - size;', why: 'no axis has `side`' },
  { cut: 'case 0: off0 -= size; return off0 + size;', why: 'no axis has `side`' },
  // series are shown and hidden per chart (`setSeries(i, { show })`), never published to a sync group
  { cut: '_pub && pubSync("setSeries", self, i, opts);', why: 'setSeries is never called to publish' },
  {
    cut: 'events["setSeries"] = (e, src, idx, opts) => {\n\t\tlet seriesIdxMatcher = syncOpts.match[2];\n\t\tidx = seriesIdxMatcher(self, src, idx);\n\t\tidx != -1 && setSeries(idx, opts, true, false);\n\t};',
    why: 'no chart publishes setSeries (see above)',
  },
  {
    cut: 'markers.width  = fnOrSelf(markers.width);\n\t\tmarkers.dash   = fnOrSelf(markers.dash);\n\t\tmarkers.stroke = fnOrSelf(markers.stroke);\n\t\tmarkers.fill   = fnOrSelf(markers.fill);',
    why: 'legend markers: `legend: { show: false }`',
  },
];

/** What plot-options.ts must say for the cuts above to hold, and what it must never use. */
const OPTIONS_MODULE = /[\\/]src[\\/]elements[\\/]metric-chart[\\/]plot-options\.ts$/;
const OPTIONS_SAY = [
  /legend: \{ show: false \}/,
  /points: \{ show: false/,
  /paths: /,
  /values: \(/,
  /\bms: 1,/,
  // each scale: base-10 logs and its own range function
  /\bx: \{[^}]*\blog: 10,[^}]*\brange: \(/,
  /\by: \{[^}]*\blog: 10,[^}]*\brange: \(/,
  /\bdataIdx: \(/,
  // the cursor's hover points (the series' `points` say `show: false`)
  /points: \{[^}]*\bshow: \(/,
  /drag: \{ x: true, y: false/,
  /border: \{ show: false \}/,
  // every series (made in one place, see OPTIONS_NEVER)
  /series\.push\(\{[^;]*\bauto: false,/,
];
const OPTIONS_NEVER = [
  /\bmode\s*:/,
  /\bbands\s*:/,
  /\bfacets\s*:/,
  /\bdistr:[^,\n]*\b[24]\b/,
  /\bvalue\s*:/,
  /\bfmtDate\b/,
  /\bfocus\s*:/,
  /\bori\s*:/,
  /series\.push\([^]*series\.push\(/,
  /\bdistr:[^,\n]*\b100\b/,
  /\b(?:id|title|plugins|from|rotate|align|bbox|lock|uni|filter|side|drawOrder|tzDate)\s*:/,
  /points: \{ show: (?!false\b)/,
];

/** The one module that makes uPlot charts (with options from OPTIONS_MODULE). */
const MAKER_MODULE = /[\\/]src[\\/]elements[\\/]metric-chart[\\/]plot-view\.ts$/;
const IMPORTS_UPLOT = /\bimport\s+(?!type\b)[\w\s{},]*\bfrom\s*['"]uplot['"]/;

const USES_TRIMMED =
  /\buPlot\s*\.\s*(?:join|tzDate|fmtDate|rangeAsinh|rangeNum|rangeLog|addGap|clipGaps|paths|orient|assign|fmtNum)\b|\.(?:addSeries|delSeries|addBand|setBand|delBand|valToIdx|posToIdx|fillTo)\s*\(|\.valToPos[HV]\b|\.setSeries\([^)]*\bfocus\b|\.setSeries\(\s*[\w.]+\s*,\s*(?:\{[^}]*\}|[\w.]+)\s*,/;
const UPLOT = /[\\/]node_modules[\\/]uplot[\\/]dist[\\/]uPlot\.esm\.js$/;

/** `to`, then blanks up to the length of `cut`, its line breaks kept. */
function sameLength(cut, to = '') {
  if (to.length > cut.length || cut.slice(0, to.length).includes('\n'))
    throw new Error(`trim-uplot: "${to}" must fit on the first line of "${cut}"`);
  return to + cut.slice(to.length).replace(/[^\n]/g, ' ');
}

/** uPlot's source with every cut of UPLOT_CUTS made; throws when a cut is not there as written. */
export function trimmedUplot(code) {
  let out = code;
  for (const { cut, to, times = 1 } of UPLOT_CUTS) {
    const found = out.split(cut).length - 1;
    if (found !== times)
      throw new Error(`trim-uplot: "${cut}" is in uPlot ${found} times, not ${times}; check the new uPlot`);
    out = out.replaceAll(cut, sameLength(cut, to));
  }
  return out;
}

export function trimUplot() {
  let trimmed = false;
  let optionsChecked = false;
  return {
    name: 'trim-uplot',
    buildStart() {
      trimmed = optionsChecked = false;
    },
    transform(code, id) {
      if (UPLOT.test(id)) {
        trimmed = true;
        try {
          return { code: trimmedUplot(code), map: null };
        } catch (e) {
          this.error(`${e.message} (${id})`);
        }
      }
      if (id.includes('node_modules')) return null;
      if (USES_TRIMMED.test(code)) {
        this.error(`trim-uplot: ${id} uses a uPlot helper or method that scripts/trim-uplot.mjs leaves out`);
      }
      if (IMPORTS_UPLOT.test(code) && !MAKER_MODULE.test(id)) {
        this.error(
          `trim-uplot: ${id} imports uPlot; only plot-view.ts makes charts, from plot-options.ts (see scripts/trim-uplot.mjs)`,
        );
      }
      if (OPTIONS_MODULE.test(id)) {
        optionsChecked = true;
        for (const needed of OPTIONS_SAY)
          if (!needed.test(code)) this.error(`trim-uplot: ${id} no longer says ${needed}; see scripts/trim-uplot.mjs`);
        for (const unused of OPTIONS_NEVER)
          if (unused.test(code)) this.error(`trim-uplot: ${id} uses ${unused}, which the script-tag builds leave out`);
      }
      return null;
    },
    buildEnd(error) {
      // plot-options.ts renamed or moved: its checks would no longer run
      if (!error && trimmed && !optionsChecked)
        this.error('trim-uplot: uPlot was trimmed but plot-options.ts never came by; update OPTIONS_MODULE');
    },
  };
}
