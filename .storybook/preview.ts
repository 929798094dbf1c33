import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import manifest from '../custom-elements.json';
import { themeTokenCss } from '../src/internal/theme.js';
import '../src/define.js';
import { publicManifest, withPropertyControls } from './manifest-controls.js';
import { atPhoneWidth } from '../stories/support/phone.js';

const shown = publicManifest(manifest);
setCustomElementsManifest(shown);

const tokens = document.createElement('style');
tokens.textContent = `${themeTokenCss('[data-runpage-theme="light"]', 'light')}\n${themeTokenCss('[data-runpage-theme="dark"]', 'dark')}
[data-runpage-theme] { background: var(--runpage-color-bg); color: var(--runpage-color-fg); padding: 16px; min-height: 100%; box-sizing: border-box; }`;
document.head.append(tokens);

const withThemeAndLanguage: Decorator = (story, context) => {
  const theme = context.globals.theme ?? 'light';
  const lang = context.globals.locale ?? 'en';
  return html`<div data-runpage-theme=${theme} lang=${lang}>${story()}</div>`;
};

/** The Width toolbar: any story in a phone-wide (390 px) frame, as the Phone story of each element is. */
const withWidth: Decorator = (story, context) =>
  context.globals.width === 'phone' ? atPhoneWidth(story() as TemplateResult) : story();

const preview: Preview = {
  decorators: [withWidth, withThemeAndLanguage],
  argTypesEnhancers: [
    (context) =>
      typeof context.component === 'string'
        ? withPropertyControls(context.argTypes, shown, context.component)
        : context.argTypes,
  ],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Label language',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'ja', title: '日本語' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
    width: {
      description: 'Width of the story',
      toolbar: {
        title: 'Width',
        icon: 'mobile',
        items: [
          { value: 'full', title: 'Full width' },
          { value: 'phone', title: 'Phone (390 px)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en', width: 'full' },
  parameters: { layout: 'fullscreen', controls: { expanded: true } },
  tags: ['autodocs'],
};

export default preview;
