/**
 * Commands for the renderer (`app.command`) are held until it says it is listening (`app.ready`),
 * then delivered in order — a campaign file the app was launched with must not be lost because the
 * page was still loading (electron/fiddle holds its main→renderer messages the same way). A reload
 * makes the page not ready again.
 */
import type { AppCommand } from '../shared/ipc/channels/app';

export class CommandQueue {
  private held: AppCommand[] = [];
  private ready = false;

  constructor(private readonly deliver: (command: AppCommand) => void) {}

  push(command: AppCommand): void {
    if (this.ready) this.deliver(command);
    else this.held.push(command);
  }

  /** The renderer listens now: delivers what was held and returns how many. */
  markReady(): number {
    this.ready = true;
    const held = this.held;
    this.held = [];
    for (const c of held) this.deliver(c);
    return held.length;
  }

  /** The page is (re)loading: hold again until it calls `app.ready`. */
  markNotReady(): void {
    this.ready = false;
  }

  get pending(): number {
    return this.held.length;
  }
}
