import '../../../src/elements/media-panel/define.js';
import * as stories from '../../../stories/media-panel.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'media-panel',
  expected: { BoundingBoxes: 'svg.boxes rect', Masks: 'canvas.mask' },
  fallback: 'figure img',
});
