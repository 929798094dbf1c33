/**
 * Work split around a frame: `measure` runs in a requestAnimationFrame callback, where reading
 * boxes costs no layout of its own (the frame lays out then anyway), and `act` with its result in
 * a task of its own after the frame, so the DOM it changes (a chart mounted, a section rendered)
 * is not built in the frame's task, which already holds that frame's style, layout and paint.
 * `measure` returning `undefined` skips `act`. Returns a function that cancels what has not run.
 * Message tasks run in the order they were posted: with `yieldFirst`, `act` runs after the other
 * acts of the same frame (a chart's mount reads the scroll position before a section renders).
 */
export function measureThenAct<T>(
  measure: () => T | undefined,
  act: (measured: T) => void,
  { yieldFirst = false } = {},
): () => void {
  let cancelled = false;
  let frame = requestAnimationFrame(() => {
    frame = 0;
    if (cancelled) return;
    const measured = measure();
    if (measured === undefined || cancelled) return;
    // `yieldFirst`: posted once more, so the tasks other work posted in this frame run before it
    let hops = yieldFirst ? 2 : 1;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (--hops > 0) {
        channel.port2.postMessage(0);
        return;
      }
      channel.port1.close();
      if (!cancelled) act(measured);
    };
    channel.port2.postMessage(0);
  });
  return () => {
    cancelled = true;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  };
}
