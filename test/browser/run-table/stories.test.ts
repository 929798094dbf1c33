import '../../../src/elements/run-table/define.js';
import * as stories from '../../../stories/run-table.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'run-table',
  expected: { CompareRuns: 'run-compare', UpdatesCodeError: '.updates-failed' },
  play: true,
  fallback: '.body-row',
});
