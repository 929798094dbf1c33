import { html, type TemplateResult } from 'lit';

/** The width of a phone (an iPhone 12–15 in portrait), as the layout test and the README gallery use. */
export const PHONE_WIDTH = 390;

/**
 * A story at a phone's width: the element in a 390 px frame, in Storybook and in the stories tests
 * alike. (The Width toolbar of Storybook shows any other story at this width too.)
 */
export const atPhoneWidth = (story: TemplateResult): TemplateResult =>
  html`<div class="phone-frame" style="width:${PHONE_WIDTH}px;max-width:100%;margin-inline:auto">${story}</div>`;
