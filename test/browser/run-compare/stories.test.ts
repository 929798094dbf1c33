import '../../../src/elements/run-compare/define.js';
import * as stories from '../../../stories/run-compare.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'run-compare',
  expected: { Empty: '.rp-state--empty', Unsupported: '.picker .none', UnreadableRun: '[data-run="gone"]' },
  fallback: '.charts > *',
});
