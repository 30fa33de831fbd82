/**
 * The import worker: one import job off the UI thread (renderer/workers/import-session.ts does the
 * work). A picked file is read here, not on the UI thread. The parts of a big data set go to the UI
 * as it asks for them (`next-part`, part-pacer.ts).
 */
import { createImportSession } from './import-session';
import { createPartPacer } from './part-pacer';
import type { ImportReply, ImportRequest, NextPart } from './import-protocol';

const pacer = createPartPacer((m: ImportReply) => (self as unknown as Worker).postMessage(m));
const handle = createImportSession(pacer.post);

/** Reads a picked file's bytes here; requests are handled in order even while one is read. */
async function withBytes(req: ImportRequest): Promise<ImportRequest> {
  if ((req.type === 'parse' || req.type === 'profiles') && 'blob' in req.input) return { ...req, input: { file: req.input.file, bytes: await req.input.blob.arrayBuffer() } };
  return req;
}

let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<ImportRequest | NextPart>) => {
  const req = e.data;
  if (req.type === 'next-part') return pacer.asked();
  queue = queue.then(async () => {
    try {
      handle(await withBytes(req));
    } catch (err) {
      const file = req.type === 'parse' || req.type === 'profiles' ? ` ${JSON.stringify(req.input.file)}` : '';
      pacer.post({ type: 'failed', seq: req.seq, message: `the file${file} could not be read: ${(err as Error).message}` });
    }
  });
};
