/**
 * Appends records to a send's journal and makes them durable: each `append` resolves only after
 * its line is written and fdatasync'd. Concurrent appends share one write and one sync (group
 * commit), so bounded concurrency costs a sync per round, not per record.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { journalLine, type JournalRecord } from '../../shared/send/journal';

export class JournalWriter {
  private pending: { line: string; done: () => void; fail: (e: Error) => void }[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    private readonly fh: FileHandle,
    readonly path: string,
  ) {}

  /** Creates a new journal (refusing to overwrite one) and makes its first lines durable (the plan, already serialised, then `rest`). */
  static async create(path: string, planLine: string, ...rest: JournalRecord[]): Promise<JournalWriter> {
    const fh = await open(path, 'wx', 0o600);
    const w = new JournalWriter(fh, path);
    await fh.write(planLine + rest.map(journalLine).join(''));
    await fh.datasync();
    syncDir(dirname(path));
    return w;
  }

  /**
   * Opens an existing journal to append (a resume or a decision about unknown batches). A torn last
   * line (the app stopped mid-write) is ended first, so the next record gets a line of its own
   * instead of being glued to the fragment and lost with it.
   */
  static async reopen(path: string): Promise<JournalWriter> {
    const fh = await open(path, 'a+', 0o600);
    const { size } = await fh.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        await fh.write('\n');
        await fh.datasync();
      }
    }
    return new JournalWriter(fh, path);
  }

  /** Writes one record; resolves once it is on disk. */
  append(r: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    return new Promise<void>((done, fail) => {
      this.pending.push({ line: journalLine(r), done, fail });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      try {
        await this.fh.write(group.map((p) => p.line).join(''));
        await this.fh.datasync();
        for (const p of group) p.done();
      } catch (e) {
        for (const p of group) p.fail(e as Error);
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}

/** Makes a new file's directory entry durable (a crash right after creating it keeps the file). */
function syncDir(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file's own sync still holds its data.
  }
}
