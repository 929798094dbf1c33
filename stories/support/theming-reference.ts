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

/** The spacing and sizing scale: each step, its default (in terms of `--runpage-space`) and what it is for. */
export function spacingTokens(): SpacingRow[] {
  return Object.entries(SPACING_TOKENS).map(([name, t]) => ({
    name: `--runpage-${name}`,
    value: t.value.replace(/--_/g, '--runpage-'),
    description: t.description,
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
