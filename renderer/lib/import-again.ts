/**
 * A lazily loaded chunk, loaded again after a failed download (a dropped connection). Chromium keeps
 * a module whose fetch failed in its module map, so `import()` of the same URL fails again at once,
 * without a request: Retry would never work. Here a load that fails that way imports the URL the
 * error names once more with a query, which makes it a new module and a new request (the chunk's
 * own imports resolve to their usual URLs, so nothing else is loaded twice).
 */
const FAILED = /Failed to fetch dynamically imported module: (\S+)/;

export function importAgain<T>(load: () => Promise<T>, attempt: number): Promise<T> {
  return load().catch((e: unknown) => {
    const url = attempt > 0 && e instanceof Error ? FAILED.exec(e.message)?.[1] : undefined;
    if (!url || new URL(url, location.href).origin !== location.origin) throw e;
    const again = new URL(url, location.href);
    again.searchParams.set('retry', String(attempt));
    return import(/* @vite-ignore */ again.href) as Promise<T>;
  });
}
