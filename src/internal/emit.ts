/**
 * Dispatches a runpage event from `target`: a `CustomEvent` that bubbles and crosses shadow roots
 * unless `init` says otherwise. Returns false when a listener called `preventDefault()` on a
 * cancelable event. Elements call it through `RunpageElement.emit`; controllers call it on their host.
 */
export function emit<T>(
  target: EventTarget,
  type: string,
  detail: T,
  init?: Omit<CustomEventInit<T>, 'detail'>,
): boolean {
  return target.dispatchEvent(new CustomEvent<T>(type, { bubbles: true, composed: true, ...init, detail }));
}
