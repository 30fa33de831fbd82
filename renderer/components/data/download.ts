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

/** Reads a picked or dropped file for the import worker (its bytes are transferred, not copied). */
export async function fileInput(file: File): Promise<{ file: string; bytes: ArrayBuffer }> {
  return { file: file.name, bytes: await file.arrayBuffer() };
}

/** True when a paste event targets something that edits text itself (inputs, editors). */
export function isEditableTarget(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  if (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor')) return true;
  return false;
}
