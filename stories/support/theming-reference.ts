/**
 * The theming reference, read from custom-elements.json (the manifest the build generates from
 * each class's `@cssprop` and `@csspart` JSDoc) and from THEME_TOKENS (the shared tokens).
 */
import { SPACING_TOKENS } from '../../src/internal/spacing.js';
import { THEME_TOKENS } from '../../src/internal/theme.js';

interface ManifestLike {
  modules: {
    declarations?: {
      tagName?: string;
      customElement?: boolean;
      cssProperties?: { name: string; description?: string; default?: string }[];
      cssParts?: { name: string; description?: string }[];
    }[];
  }[];
}

export interface TokenRow {
  name: string;
  light: string;
  dark: string;
}

export interface ElementTheming {
  tag: string;
  properties: { name: string; description: string }[];
  parts: { name: string; description: string }[];
}

/** Every shared `--runpage-*` token with its light and dark value (dark empty when it does not change). */
export function sharedTokens(): TokenRow[] {
  return Object.entries(THEME_TOKENS).map(([name, [light, dark]]) => ({ name: `--runpage-${name}`, light, dark }));
}

export interface SpacingRow {
  name: string;
  value: string;
  description: string;
}

/** What each spacing step is for, and its size at the default base unit (kept out of the elements' code). */
const SPACING_PURPOSES: Record<string, string> = {
  'space-1': '4px: between an icon and its label, inside a chip',
  'space-2': '8px: between controls of a toolbar, cell padding',
  'space-3': '12px: inside a box (a card, a notice)',
  'space-4': '16px: between blocks of a panel',
  'space-5': '24px: between sections',
  'space-6': '32px: around a page',
  gutter: "Space between a tab's content and the page edge: 8px on a phone, 16px from 800px wide",
  'section-gap': 'Between the sections of a panel (16px)',
  'panel-padding': 'Inside a chart card or a boxed panel (8px)',
  'panel-min-width': 'Narrowest chart in a responsive grid before the grid has one column fewer',
};

/** The spacing and sizing scale: each step, its default (in terms of `--runpage-space`) and what it is for. */
export function spacingTokens(): SpacingRow[] {
  return Object.entries(SPACING_TOKENS).map(([name, value]) => ({
    name: `--runpage-${name}`,
    value: value.replace(/--_/g, '--runpage-'),
    description: SPACING_PURPOSES[name] ?? '',
  }));
}

/** Per element, in tag order: its documented custom properties and parts. */
export function elementTheming(json: unknown): ElementTheming[] {
  const manifest = json as ManifestLike;
  return (manifest.modules ?? [])
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({
      tag: d.tagName!,
      properties: (d.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
      parts: (d.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}
