import '../../../src/elements/artifact-list/define.js';
import * as stories from '../../../stories/artifact-list.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'artifact-list',
  expected: { NoneLogged: '.rp-state--empty', Detail: '.detail-title' },
  fallback: '.artifact-row',
});
