import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

type StyleProps = Readonly<Record<string, string | number | undefined | null>>;

const kebab = (name: string) => (name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

/**
 * `style=${styleProps({ height: '20px', '--swatch': colour })}`: like lit's `styleMap`, but every
 * value is set through the CSSOM, the first render included (styleMap writes its first render as a
 * `style` attribute, which a Content-Security-Policy without `style-src 'unsafe-inline'` refuses).
 * A value the last render set already is not set again: re-rendering a list whose styles did not
 * change (a chart's legend on every zoom) costs no CSS parsing.
 */
class StylePropsDirective extends Directive {
  /** The properties this directive set, with their values. */
  private previous = new Map<string, string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') {
      throw new Error('styleProps() belongs in a style attribute: style=${styleProps({…})}');
    }
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement | SVGElement).style;
    const previous = this.previous;
    const next = new Map<string, string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      const prop = kebab(name);
      const text = String(value);
      next.set(prop, text);
      if (previous.get(prop) !== text) style.setProperty(prop, text);
    }
    for (const prop of previous.keys()) if (!next.has(prop)) style.removeProperty(prop);
    this.previous = next;
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
