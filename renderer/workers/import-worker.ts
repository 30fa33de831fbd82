/** The import worker: one import job off the UI thread (renderer/workers/import-session.ts does the work). */
import { createImportSession } from './import-session';
import type { ImportReply, ImportRequest } from './import-protocol';

const handle = createImportSession((m: ImportReply) => (self as unknown as Worker).postMessage(m));
self.onmessage = (e: MessageEvent<ImportRequest>) => handle(e.data);
