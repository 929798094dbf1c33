import '../../../src/define.js';
import * as stories from '../../../stories/run-page.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'run-page',
  expected: {
    RunNotFound: '.header .rp-state--empty',
    Loading: '.header .title[aria-busy]',
    Error: '.header .rp-state--error',
    OnlyOverviewAvailable: '[role="tab"][aria-disabled="true"]',
    HidingRulesError: '.header .rp-state--error',
  },
  fallback: '.header .title:not([aria-busy])',
});
