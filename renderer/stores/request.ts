/**
 * The one way a store runs a request to the host and records its failure: the store's `error`
 * cleared when the request starts (unless told to keep it), an optional busy flag set for its duration, and a failure's
 * message — the host's typed error with the place of its first issue (IpcCallError), or the
 * exception's own — recorded the same way in every store.
 */
import { IpcCallError } from '../api/client';

/** The text a failed request shows: the typed error's message with its place, else the exception's message. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The typed error's code (e.g. `already-running`), when the host answered with one. */
export function errorCode(e: unknown): string | undefined {
  return e instanceof IpcCallError ? e.error.code : undefined;
}

type Flag<S> = { [K in keyof S]: S[K] extends boolean ? K : never }[keyof S];

export interface RequestOptions<S> {
  /** A boolean of the store that is true while the request runs. */
  busy?: Flag<S>;
  /** Put before the message ("Link check failed: …"). */
  prefix?: string;
  /** The failure is not this store's to show (optional reads): the error is neither cleared nor recorded. */
  quiet?: boolean;
  /** Leave an error already shown in place when the request starts (a background refresh). */
  keepError?: boolean;
  /** The answer is no longer wanted (the person moved on): its failure is not recorded either. */
  stale?(): boolean;
  /**
   * Runs on failure before the error is recorded; answering true means it was handled (nothing
   * recorded). A store uses it to recover, e.g. show what the host would do now.
   */
  recover?(e: unknown): boolean | void | Promise<boolean | void>;
  /** Throw the failure on to the caller too (after recording it), for screens that show it in place. */
  rethrow?: boolean;
}

/**
 * Binds the request runner to a store's `set`. The returned function resolves with the request's
 * value, or with undefined when it failed (the failure then being in the store's `error`).
 */
export function requester<S extends { error?: string }>(set: (patch: Partial<S>) => void) {
  return async function request<T>(run: () => Promise<T>, o: RequestOptions<S> = {}): Promise<T | undefined> {
    set({ ...(o.quiet || o.keepError ? {} : { error: undefined }), ...(o.busy ? { [o.busy]: true } : {}) } as Partial<S>);
    try {
      return await run();
    } catch (e) {
      const handled = o.recover ? await o.recover(e) : false;
      if (!handled && !o.quiet && !o.stale?.()) set({ error: `${o.prefix ? `${o.prefix}: ` : ''}${errorText(e)}` } as Partial<S>);
      if (o.rethrow) throw e;
      return undefined;
    } finally {
      if (o.busy) set({ [o.busy]: false } as Partial<S>);
    }
  };
}
