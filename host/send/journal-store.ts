/**
 * The folder of send journals (`<data>/sends/<sendId>.jsonl`): new ids, reading accounts back, and
 * finding sends the app was interrupted in. Reads are cached by file size and time, so the history
 * view does not re-parse every journal on each look.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replayJournal, type ReplayResult } from '../../shared/send/journal';
import { ensurePrivateDir } from '../data-dir';

import { SEND_ID_RE } from '../../shared/send/send-id';

export { SEND_ID_RE, newSendId } from '../../shared/send/send-id';

export class JournalStore {
  private readonly cache = new Map<string, { key: string; result: ReplayResult }>();
  constructor(readonly dir: string) {
    ensurePrivateDir(dir);
  }

  pathOf(sendId: string): string {
    if (!SEND_ID_RE.test(sendId)) throw new Error(`"${sendId}" is not a send id`);
    return join(this.dir, `${sendId}.jsonl`);
  }

  /** Every send id with a journal, newest first. */
  ids(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.jsonl') && SEND_ID_RE.test(f.slice(0, -6)))
      .map((f) => f.slice(0, -6))
      .sort()
      .reverse();
  }

  /** Replays one journal (cached while the file is unchanged). `live` is passed to the replay. */
  read(sendId: string, live = false): ReplayResult {
    const path = this.pathOf(sendId);
    let st;
    try {
      st = statSync(path);
    } catch {
      return { problems: [`no journal for send ${sendId}`] };
    }
    const key = `${st.size}:${st.mtimeMs}:${live}`;
    const hit = this.cache.get(sendId);
    if (hit && hit.key === key) return hit.result;
    const result = replayJournal(readFileSync(path, 'utf8'), { live });
    this.cache.set(sendId, { key, result });
    return result;
  }
}
