import type { ReactNode } from 'react';
import type { ImportInput } from '../../workers/import-protocol';
import { fileInput } from './download';

/** "Import …" as a label around a hidden file input accepting the import formats; hands over the picked file's bytes. */
export function FileImportButton({ children, testId, title, onInput }: { children: ReactNode; testId: string; title?: string; onInput(input: ImportInput): void }) {
  return (
    <label className="file-button" title={title}>
      {children}
      <input
        type="file"
        accept=".csv,.tsv,.txt,.json"
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = ''; // the same file picked again is a new import
          if (f) onInput(fileInput(f));
        }}
      />
    </label>
  );
}
