/**
 * One lock per send. Every change of a send's state (start, resume, cancel, skip, re-send) takes
 * it synchronously, before its first await, so two requests for the same send — a double click,
 * two windows, two browser tabs — can never both pass the checks and both send. The second gets
 * SendBusyError (IPC code `already-running`) and nothing is done for it.
 */
import { HandlerError } from '../ipc/dispatch';

/** The refusal of a request for a send that another request is changing right now. */
export class SendBusyError extends HandlerError {
  constructor(message: string) {
    super('already-running', message);
  }
}

export class SendLocks {
  private readonly held = new Map<string, string>();

  /** What holds the lock of `sendId` ("starting", "resuming", …), if anything. */
  holder(sendId: string): string | undefined {
    return this.held.get(sendId);
  }

  /**
   * Takes the locks of every id at once, or none: throws SendBusyError naming what holds one.
   * Returns the release, which is safe to call more than once.
   */
  take(ids: string[], what: string): () => void {
    for (const id of ids) {
      const by = this.held.get(id);
      if (by) throw new SendBusyError(`send ${id} is already ${by} (another window or tab, or a second click); nothing more was done`);
    }
    const mine = [...new Set(ids)];
    for (const id of mine) this.held.set(id, what);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of mine) this.held.delete(id);
    };
  }
}
