/**
 * Work split around a frame: `measure` runs in a requestAnimationFrame callback, where reading
 * boxes costs no layout of its own (the frame lays out then anyway), and `act` with its result in
 * a task of its own after the frame, so the DOM it changes (a chart mounted, a section rendered)
 * is not built in the frame's task, which already holds that frame's style, layout and paint.
 * `measure` returning `undefined` skips `act`. Returns a function that cancels what has not run.
 */
export function measureThenAct<T>(measure: () => T | undefined, act: (measured: T) => void): () => void {
  let cancelled = false;
  let frame = requestAnimationFrame(() => {
    frame = 0;
    if (cancelled) return;
    const measured = measure();
    if (measured === undefined || cancelled) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
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
