import { fixture } from '@open-wc/testing';
import type { RunSource } from '../../../src/data/source.js';
import { settle } from './sources.js';

export interface MountOptions<E> {
  /** The element's `source` property. */
  source?: RunSource;
  /** Attributes, set before the element is connected. */
  attrs?: Readonly<Record<string, string>>;
  /** Other properties, set before the element is connected. */
  props?: Partial<E>;
}

/** An element of `tag` in the test's fixture (removed after the test), set up as `o` says. */
export async function mountElement<E extends HTMLElement>(tag: string, o: MountOptions<E> = {}): Promise<E> {
  const el = document.createElement(tag) as E;
  for (const [name, value] of Object.entries(o.attrs ?? {})) el.setAttribute(name, value);
  if (o.source) (el as { source?: RunSource }).source = o.source;
  Object.assign(el, o.props);
  return fixture<E>(el);
}

/** `el` once it and what it awaits have rendered (see `settle`). */
export async function settled<E extends Element & { updateComplete?: Promise<unknown> }>(el: E): Promise<E> {
  await settle(el);
  return el;
}
