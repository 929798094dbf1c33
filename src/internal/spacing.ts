/**
 * The spacing and sizing scale every element lays itself out with. Each step is a public
 * `--runpage-<name>` custom property read through a private `--_<name>`; the defaults are
 * multiples of `--runpage-space` (8px), so setting that one token scales every gap and padding,
 * and any single step can still be set on its own.
 *
 * Elements use the steps, never raw pixel gaps: `gap: var(--_space-2)`, `padding: var(--_panel-padding)`.
 */
/** Each step's default, in terms of `--_space` (the base unit) or of other steps (what each is for: the @cssprop docs of RunpageElement). */
export const SPACING_TOKENS: Record<string, string> = {
  'space-1': 'calc(var(--_space) * 0.5)',
  'space-2': 'var(--_space)',
  'space-3': 'calc(var(--_space) * 1.5)',
  'space-4': 'calc(var(--_space) * 2)',
  'space-5': 'calc(var(--_space) * 3)',
  'space-6': 'calc(var(--_space) * 4)',
  gutter: 'clamp(var(--_space-2), 2vw, var(--_space-4))',
  'section-gap': 'var(--_space-4)',
  'panel-padding': 'var(--_space-2)',
  'panel-min-width': '360px',
};

/** The private `--_<name>` of every step, for the `:host` rule of the shared styles. */
export const spacingVars: string = Object.entries(SPACING_TOKENS)
  .map(([name, value]) => `--_${name}: var(--runpage-${name}, ${value});`)
  .join('\n');
