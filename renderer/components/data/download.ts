/**
 * Saves text as a file through the browser's download (both hosts): a Blob URL on a temporary link.
 * The one download helper of the renderer: CSV exports, execute bodies and the HTML report use it.
 */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A picked or dropped file for the import worker, which reads it (its bytes never pass through the UI thread). */
export function fileInput(file: File): { file: string; blob: Blob } {
  return { file: file.name, blob: file };
}

/** True when a paste event targets something that edits text itself (inputs, editors). */
export function isEditableTarget(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  if (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor')) return true;
  return false;
}
