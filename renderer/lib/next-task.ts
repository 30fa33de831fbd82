/**
 * Yields the UI thread until the next task, so the browser can draw a frame and handle input
 * between two slices of long work (a data set posted in parts, a set built in slices). A
 * MessageChannel task, as React's scheduler uses: it is not clamped like a nested `setTimeout`, and
 * not throttled to once a second in a background tab.
 */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((ok) => setTimeout(ok, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((ok) => {
    waiting.push(ok);
    channel!.port2.postMessage(null);
  });
}
