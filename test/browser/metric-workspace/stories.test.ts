import '../../../src/elements/metric-workspace/define.js';
import * as stories from '../../../stories/metric-workspace.stories.js';
import { describeStories } from '../helpers/stories.js';

describeStories(stories, {
  tag: 'metric-workspace',
  expected: {
    InvalidRegex: '[part~="notice"] [role="alert"]',
    Search: 'mark',
    SettingsDialog: 'dialog.settings[open]',
    SettingsDialogCodeError: '[part~="notice"] [role="alert"] [part~="retry"]',
    NewKeysWhileTraining: '[data-panel-id="eval/bleu"]',
  },
  fallback: '[data-panel-id] metric-chart, [data-panel-id] .panel-body > *',
  play: true,
});
