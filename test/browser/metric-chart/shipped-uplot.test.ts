import { expect } from '@open-wc/testing';
import uPlot from 'uplot';

// The chart's browser tests must draw with uPlot as the builds ship it (web-test-runner.config.mjs
// trims it as scripts/trim-uplot.mjs does), or a cut that breaks a chart would pass every test.
describe('uPlot in browser tests', () => {
  it('is the trimmed uPlot that the builds ship', () => {
    const statics = uPlot as unknown as Record<string, unknown>;
    expect(typeof statics.fmtNum, 'uPlot.fmtNum is cut').to.equal('undefined');
    expect(typeof statics.join, 'uPlot.join is cut').to.equal('undefined');
    expect(typeof uPlot.sync, 'what the chart uses stays').to.equal('function');
  });
});
