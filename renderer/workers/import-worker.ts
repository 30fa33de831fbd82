/**
 * The import worker: one import job off the UI thread (renderer/workers/import-session.ts does the
 * work). A picked file is read here, not on the UI thread. The parts of a big data set go to the UI
 * one at a time, each when the UI asks for it (`next-part`): posted all at once they arrive as a
 * run of tasks that kept the window from drawing for 100–300 ms at a million users.
 */
import { createImportSession } from './import-session';
import type { ImportReply, ImportRequest, NextPart } from './import-protocol';

const send = (m: ImportReply) => (self as unknown as Worker).postMessage(m);
/** Parts the UI may have to join at one time: the next is on its way while one is joined. */
const IN_FLIGHT = 2;
/** Replies held back behind parts the UI has not asked for yet, in order. */
const held: ImportReply[] = [];
let unasked = 0;

const flush = () => {
  while (held.length && unasked < IN_FLIGHT) {
    const m = held.shift()!;
    send(m);
    if (m.type === 'built-part') unasked++;
  }
};

const handle = createImportSession((m) => {
  held.push(m);
  flush();
});

/** Reads a picked file's bytes here; requests are handled in order even while one is read. */
async function withBytes(req: ImportRequest): Promise<ImportRequest> {
  if ((req.type === 'parse' || req.type === 'profiles') && 'blob' in req.input) return { ...req, input: { file: req.input.file, bytes: await req.input.blob.arrayBuffer() } };
  return req;
}

let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<ImportRequest | NextPart>) => {
  const req = e.data;
  if (req.type === 'next-part') {
    unasked = Math.max(0, unasked - 1);
    return flush();
  }
  queue = queue.then(async () => {
    try {
      handle(await withBytes(req));
    } catch (err) {
      held.push({ type: 'failed', seq: req.seq, message: `the file could not be read: ${(err as Error).message}` });
      flush();
    }
  });
};
