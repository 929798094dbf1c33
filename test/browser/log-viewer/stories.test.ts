import '../../../src/elements/log-viewer/define.js';
import * as stories from '../../../stories/log-viewer.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, { tag: 'log-viewer', fallback: '.line:not(.placeholder) .text' });
