/**
 * The spacing and sizing scale every element lays itself out with. Each step is a public
 * `--runpage-<name>` custom property read through a private `--_<name>`; the defaults are
 * multiples of `--runpage-space` (8px), so setting that one token scales every gap and padding,
 * and any single step can still be set on its own.
 *
 * Elements use the steps, never raw pixel gaps: `gap: var(--_space-2)`, `padding: var(--_panel-padding)`.
 */
export interface SpacingToken {
  /** Default, in terms of `--_space` (the base unit) or of other steps. */
  value: string;
  /** What it is for, and its size at the default base unit. */
  description: string;
}

export const SPACING_TOKENS: Record<string, SpacingToken> = {
  'space-1': { value: 'calc(var(--_space) * 0.5)', description: '4px: between an icon and its label, inside a chip' },
  'space-2': { value: 'var(--_space)', description: '8px: between controls of a toolbar, cell padding' },
  'space-3': { value: 'calc(var(--_space) * 1.5)', description: '12px: inside a box (a card, a notice)' },
  'space-4': { value: 'calc(var(--_space) * 2)', description: '16px: between blocks of a panel' },
  'space-5': { value: 'calc(var(--_space) * 3)', description: '24px: between sections' },
  'space-6': { value: 'calc(var(--_space) * 4)', description: '32px: around a page' },
  gutter: {
    value: 'clamp(var(--_space-2), 2vw, var(--_space-4))',
    description: "Space between a tab's content and the page edge: 8px on a phone, 16px from 800px wide",
  },
  'section-gap': { value: 'var(--_space-4)', description: 'Between the sections of a panel (16px)' },
  'panel-padding': { value: 'var(--_space-2)', description: 'Inside a chart card or a boxed panel (8px)' },
  'panel-min-width': {
    value: '360px',
    description: 'Narrowest chart in a responsive grid before the grid has one column fewer',
  },
};

/** The private `--_<name>` of every step, for the `:host` rule of the shared styles. */
export const spacingVars: string = Object.entries(SPACING_TOKENS)
  .map(([name, t]) => `--_${name}: var(--runpage-${name}, ${t.value});`)
  .join('\n');
