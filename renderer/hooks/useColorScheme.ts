import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

/** 'dark' or 'light', following the OS setting live. */
export function useColorScheme(): 'dark' | 'light' {
  return useSyncExternalStore(
    (cb) => {
      const q = query();
      q.addEventListener('change', cb);
      return () => q.removeEventListener('change', cb);
    },
    () => (query().matches ? 'dark' : 'light'),
  );
}
