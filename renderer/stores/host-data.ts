/**
 * The host's copy of the data each campaign is sent with (host/held-data.ts; issue 13: data
 * crosses each boundary once). The first send, preview or keep of a data set posts it whole
 * (`data.set`; a big one in parts, `data.part`, shared/data/parts.ts); after that a change the data store made without a new data set (params, the target
 * attribute: shared/data/edits.ts `editsBetween`) travels as an edit (`data.edit`), and the
 * requests name the data by revision. When the host answers `stale-data` (it dropped the set, or
 * restarted), the set is posted again once and the request repeated.
 */
import type { SendData } from '../../shared/campaign/send-data';
import { editsBetween } from '../../shared/data/edits';
import { crossesInParts, headOf, partOf } from '../../shared/data/parts';
import { call } from '../api/client';
import { errorCode } from './request';

interface Posted {
  data: SendData;
  revision: Promise<string>;
}

/** One holder per renderer: which data the host holds for each key (a campaign file), at which revision. */
export function createHostData() {
  const posted = new Map<string, Posted>();

  const post = async (prev: Posted | undefined, data: SendData): Promise<string> => {
    const before = prev ? await prev.revision.catch(() => undefined) : undefined;
    const edits = prev && before !== undefined ? editsBetween(prev.data, data) : undefined;
    if (before !== undefined && edits?.length === 0) return before;
    if (before !== undefined && edits) {
      try {
        return (await call('data.edit', { dataRevision: before, edits })).dataRevision;
      } catch (e) {
        if (errorCode(e) !== 'stale-data') throw e;
      }
    }
    return crossesInParts(data) ? postInParts(data) : (await call('data.set', { data })).dataRevision;
  };

  /** A big set goes in parts (`data.part`), one request at a time, so the window draws between them. */
  const postInParts = async (data: SendData): Promise<string> => {
    const head = headOf(data);
    let upload: string | undefined;
    for (let index = 0; index < head.parts; index++) {
      const r = await call('data.part', { index, part: partOf(data, index), ...(upload ? { upload } : { head }) });
      if (r.dataRevision !== undefined) return r.dataRevision;
      upload = r.upload;
    }
    throw new Error('the host did not hold the data set after its last part');
  };

  /** The revision under which the host holds `data`, posting the set or an edit first when needed. */
  const revisionOf = (key: string, data: SendData): Promise<string> => {
    const prev = posted.get(key);
    if (prev?.data === data) return prev.revision;
    const entry: Posted = { data, revision: post(prev, data) };
    posted.set(key, entry);
    entry.revision.catch(() => {
      if (posted.get(key) === entry) posted.delete(key);
    });
    return entry.revision;
  };

  return {
    revisionOf,
    /** Runs a request naming the data by revision; a `stale-data` answer posts the set again and runs it once more. */
    async withRevision<T>(key: string, data: SendData, request: (dataRevision: string) => Promise<T>): Promise<T> {
      try {
        return await request(await revisionOf(key, data));
      } catch (e) {
        if (errorCode(e) !== 'stale-data') throw e;
        if (posted.get(key)?.data === data) posted.delete(key);
        return request(await revisionOf(key, data));
      }
    },
  };
}

/** The renderer's one holder (send store and data keeper). */
export const hostData = createHostData();
