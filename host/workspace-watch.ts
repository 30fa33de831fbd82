/**
 * Watches the workspace's folders for changes made outside the app (an editor, git pull) and
 * reports them in batches. Non-recursive watches on the known folders: portable across platforms.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['', 'campaigns', 'requests', 'targets', 'profiles', 'reviews'];

/** Starts watching `dir`; `onChange` gets workspace-relative paths, at most every `debounceMs`. Returns a stop function. */
export function watchWorkspace(dir: string, onChange: (paths: string[]) => void, debounceMs = 150): () => void {
  const watchers: FSWatcher[] = [];
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  for (const folder of FOLDERS) {
    try {
      const w = watch(join(dir, folder), { persistent: false }, (_event, name) => {
        if (!name) return;
        const file = String(name);
        if (file.startsWith('.') || file.includes('.tmp') || /\.\d+$/.test(file)) return; // atomic-write temp files
        pending.add(folder ? `${folder}/${file}` : file);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const paths = [...pending];
          pending = new Set();
          onChange(paths);
        }, debounceMs);
      });
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      /* a missing folder is not watched */
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
