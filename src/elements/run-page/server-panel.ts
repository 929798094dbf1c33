import { nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

/**
 * Under server rendering (Lit SSR) there are no element instances to place: a panel is written as
 * markup (`tag`, with `exportparts`), which the browser upgrades once the elements are defined.
 * Its own module, called only under `isServer`: the script-tag bundle, where `isServer` is false,
 * leaves it and lit's static templates out.
 */
export function serverPanel(
  tag: string | undefined,
  exportparts: string,
  privateDetails?: string,
): TemplateResult | typeof nothing {
  if (!tag) return nothing;
  const t = unsafeStatic(tag);
  return privateDetails !== undefined
    ? staticHtml`<${t} no-header private-details=${privateDetails} exportparts=${exportparts}></${t}>`
    : staticHtml`<${t} exportparts=${exportparts}></${t}>`;
}
