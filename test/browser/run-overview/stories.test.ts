import '../../../src/elements/run-overview/define.js';
import * as stories from '../../../stories/run-overview.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'run-overview',
  expected: {
    RunNotFound: '.rp-state--empty',
    HostileText: '.notes',
    TenThousandKeys: '[aria-rowcount="10100"]',
    HidingRulesError: '.rp-state--error',
  },
  fallback: '.facts',
});
