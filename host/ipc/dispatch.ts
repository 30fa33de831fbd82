/**
 * Validates and dispatches one incoming IPC message. Both transports (Electron ipcMain and the
 * browser host) call this, so validation and error shapes are identical on both paths.
 */
import { MAX_JSON_DEPTH, valueTooDeep } from '../../shared/json-limits';
import { channels, isChannelName, type ChannelArgs, type ChannelName, type ChannelResult, type IpcError, type IpcReply } from '../../shared/ipc/contract';

export type Handlers = { [C in ChannelName]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>> };

/** A handler's refusal with its own error code (any other exception is a plain `failed`). */
export class HandlerError extends Error {
  constructor(
    readonly ipcCode: IpcError['code'],
    message: string,
    /** Where in the arguments the problem is, when one place is to blame. */
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(arguments)', message: i.message }));
}

/** Validates `args` against the channel's schema, runs the handler, and validates its result. */
export async function dispatch(handlers: Handlers, channel: unknown, args: unknown): Promise<IpcReply<unknown>> {
  if (!isChannelName(channel)) return { ok: false, error: { code: 'invalid-channel', message: `unknown channel ${JSON.stringify(channel)}` } };
  const spec = channels[channel];
  // Checked before the schema: whatever runs later (JSON.stringify, structuredClone, recursive
  // walks) would overflow the stack on a value nested 100,000 levels deep.
  const deep = valueTooDeep(args);
  if (deep !== undefined) return { ok: false, error: { code: 'invalid-arguments', message: `invalid arguments for ${channel}: nested more than ${MAX_JSON_DEPTH} levels deep`, issues: [{ path: deep, message: `nested more than ${MAX_JSON_DEPTH} levels deep` }] } };
  const parsed = spec.args.safeParse(args ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-arguments', message: `invalid arguments for ${channel}`, issues: issuesOf(parsed.error) } };
  }
  try {
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.result.safeParse(value);
    if (!checked.success) return { ok: false, error: { code: 'failed', message: `${channel} produced a result outside its contract`, issues: issuesOf(checked.error) } };
    return { ok: true, value: checked.data };
  } catch (e) {
    // A refusal the main side decided (a path outside the workspace, a folder it was not given) is
    // `forbidden`; a busy send is `already-running`; anything else a handler throws is `failed`.
    const code: IpcError['code'] = e instanceof HandlerError ? e.ipcCode : e instanceof Error && (e as { code?: unknown }).code === 'forbidden' ? 'forbidden' : 'failed';
    const issues = e instanceof HandlerError ? e.issues : undefined;
    return { ok: false, error: { code, message: e instanceof Error ? e.message : String(e), ...(issues ? { issues } : {}) } };
  }
}
