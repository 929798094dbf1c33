import '../../../src/elements/model-table/define.js';
import * as stories from '../../../stories/model-table.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'model-table',
  expected: { NoModelLogged: '.rp-state--empty' },
  fallback: '.body-row',
});
