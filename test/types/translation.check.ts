// Type tests for registerTranslation(), checked by `tsc -p tsconfig.test.json`: each
// expected error below must stay an error (a missing key, a wrong argument type, an unknown table),
// and the rest must stay valid.
import { overrideMessages, registerTranslation, type Translation } from '../../src/index.js';
import de from '../../src/translations/de.js';

const complete: Translation = { ...de, runPage: { ...de.runPage, charts: 'Graphiques' } };
registerTranslation('fr', complete);
registerTranslation('fr', () => import('../../src/translations/de.js'));
overrideMessages('en', { runPage: { charts: 'Metrics' } });

const { charts: _charts, ...runPageWithoutCharts } = de.runPage;
// @ts-expect-error: runPage.charts is missing
registerTranslation('fr', { ...de, runPage: runPageWithoutCharts });

const { logViewer: _logViewer, ...withoutLogViewer } = de;
// @ts-expect-error: the logViewer table is missing
registerTranslation('fr', withoutLogViewer);

// @ts-expect-error: runHasNone takes the missing thing as a string
registerTranslation('fr', { ...de, runPage: { ...de.runPage, runHasNone: (n: number) => `${n}` } });

// @ts-expect-error: there is no table named runPag
overrideMessages('en', { runPag: { charts: 'x' } });

// @ts-expect-error: runPage has no label nope
overrideMessages('en', { runPage: { nope: 'x' } });
