/**
 * The one diagnostic shape used across the app: parsers, the campaign loader, the render engine's
 * checks, the CLI and the UI all speak it. Every diagnostic names its place as precisely as it can.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable machine code, e.g. `syntax`, `empty-value`, `duplicate-id`, `ragged-row`. */
  code: string;
  severity: Severity;
  /** One plain sentence a user understands, including the offending text where it helps. */
  message: string;
  /** File name (or a label such as "pasted text") the problem is in. */
  file?: string;
  /** Spreadsheet row (the header is row 1) for tabular input. */
  row?: number;
  /** Column name or 1-based column number (tabular input), or 1-based column in a text line. */
  column?: string | number;
  /** 1-based line in a text file or template. */
  line?: number;
  /** Campaign node key and content field (e.g. `sms`, `text`) for render diagnostics. */
  node?: string;
  field?: string;
  /** Field path in a campaign file, e.g. `nodes[1].content.subject`. */
  path?: string;
  /** Target id the diagnostic is about. */
  target?: string;
}

/** Formats a diagnostic's place as `file:row/line:column` style text for CLI and logs. */
export function formatPlace(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.file) parts.push(d.file);
  if (d.path) parts.push(d.path);
  if (d.row !== undefined) parts.push(`row ${d.row}`);
  if (d.line !== undefined) parts.push(`line ${d.line}`);
  if (d.column !== undefined) parts.push(`column ${d.column}`);
  if (d.node) parts.push(`node ${d.node}${d.field ? '.' + d.field : ''}`);
  if (d.target) parts.push(`target ${d.target}`);
  return parts.join(', ');
}
