/**
 * Pure decisions for the PDF export of the QA report (no Electron import, so unit tests load them):
 * the save dialog's options, the page setup handed to `webContents.printToPDF`, which requests the
 * hidden print window may make, and the read-back check of that window's webPreferences.
 * electron/pdf-export.ts only wires them.
 */
import { insecureWebPreferences } from './window-options';

/** The in-memory session (no `persist:` prefix: nothing is written to disk) the hidden print window uses. */
export const PDF_PARTITION = 'preflight-pdf-export';

/** How long loading the report may take before the export fails instead of hanging. */
export const PDF_LOAD_TIMEOUT_MS = 60_000;

/** The only filter the PDF save dialog offers. */
export const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];

/** A suggested file name with its extension replaced by `.pdf` (`promo-journey-qa-report.html` → `…pdf`); never a path. */
export function pdfFileName(suggested: string): string {
  const base = suggested.replace(/^.*[/\\]/, '').trim();
  const stem = base.replace(/\.[^.]*$/, '') || 'qa-report';
  return `${stem}.pdf`;
}

/** The options of the native save dialog for a PDF. */
export function pdfSaveDialogOptions(args: { title?: string; suggestedName: string }): { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] } {
  return { title: args.title ?? 'Export PDF', defaultPath: pdfFileName(args.suggestedName), filters: PDF_FILTERS.map((f) => ({ ...f, extensions: [...f.extensions] })) };
}

/** Countries (ISO 3166-1 alpha-2) whose default paper is US Letter; everywhere else prints on A4. */
const LETTER_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'MX', 'PR', 'PH', 'CL', 'CO', 'VE', 'CR', 'GT', 'DO', 'PA', 'SV', 'NI']);

export function paperSizeFor(countryCode: string | undefined): 'A4' | 'Letter' {
  return countryCode && LETTER_COUNTRIES.has(countryCode.toUpperCase()) ? 'Letter' : 'A4';
}

/** What `printToPDF` is given (Electron's PrintToPDFOptions, margins in inches). */
export interface PdfPageOptions {
  pageSize: 'A4' | 'Letter';
  landscape: false;
  printBackground: true;
  preferCSSPageSize: false;
  margins: { top: number; bottom: number; left: number; right: number };
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  generateDocumentOutline: true;
}

/**
 * Page setup: the person's paper size, portrait, backgrounds kept (flag and approval colours),
 * a footer with the document title and "page n of N". Chromium fills the `title`, `pageNumber` and
 * `totalPages` classes itself: no script, and nothing from the workspace is put in the template.
 */
export function pdfPageOptions(countryCode: string | undefined): PdfPageOptions {
  return {
    pageSize: paperSizeFor(countryCode),
    landscape: false,
    printBackground: true,
    preferCSSPageSize: false,
    margins: { top: 0.5, bottom: 0.6, left: 0.5, right: 0.5 },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="font:8px system-ui,sans-serif;color:#5f6b7a;width:100%;padding:0 0.5in;display:flex;justify-content:space-between">' + '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
    generateDocumentOutline: true,
  };
}

/** The local path a `file:` URL names (percent-decoding undone), to compare URLs however they are spelled. */
function filePath(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && (u.hostname === '' || u.hostname === 'localhost') ? decodeURIComponent(u.pathname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the hidden print window may make a request: only a report file being printed and the
 * inline (`data:`) images the report's policy allows. Everything else — remote images in an email,
 * other local files, the app itself — is cancelled, so printing never touches the network (the
 * report's own CSP says the same).
 */
export function pdfRequestAllowed(url: string, reportUrls: Iterable<string>): boolean {
  if (/^data:/i.test(url)) return true;
  const path = filePath(url);
  if (path === undefined) return false;
  for (const report of reportUrls) if (filePath(report) === path) return true;
  return false;
}

/**
 * Checks the hidden print window's webPreferences as read back from Electron: the main window's
 * checklist (window-options.ts) plus no preload (the report needs no bridge) and JavaScript off
 * (the report is static). Empty when all hold.
 */
export function insecurePdfWindowPreferences(prefs: Record<string, unknown>): string[] {
  const problems = insecureWebPreferences(prefs);
  if (prefs.javascript !== undefined && prefs.javascript !== false) problems.push(`javascript is ${String(prefs.javascript)}, must be false`);
  if (typeof prefs.preload === 'string' && prefs.preload !== '') problems.push('the print window must have no preload');
  return problems;
}
