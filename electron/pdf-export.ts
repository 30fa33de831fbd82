/**
 * Renders the QA report's HTML to PDF with Chromium's own printer (`webContents.printToPDF`) in a
 * hidden window hardened like the main one: sandboxed, isolated, no Node, no preload, JavaScript off,
 * its own in-memory session where every permission is denied and every request but the report file
 * (and its inline images) is cancelled. Navigation and new windows are denied by `hardenWebContents`
 * (electron/window.ts), which main.ts attaches to every web contents the app creates. The report is
 * loaded from a private temporary file (a `data:` URL would cap its size at 2 MB), removed afterwards.
 * Decisions live in pdf-options.ts.
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { effectiveWebPreferences } from './window-options';
import { insecurePdfWindowPreferences, pdfPageOptions, pdfRequestAllowed, PDF_LOAD_TIMEOUT_MS, PDF_PARTITION } from './pdf-options';

/** The report files being printed now (an export started while another runs gets its own). */
const printing = new Set<string>();

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Returns the PDF bytes of a self-contained HTML document. */
export async function renderHtmlToPdf(html: string, o: { countryCode?: string } = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'preflight-pdf-'));
  const file = join(dir, 'qa-report.html');
  let win: BrowserWindow | undefined;
  let reportUrl: string | undefined;
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    reportUrl = pathToFileURL(file).href;

    const ses = session.fromPartition(PDF_PARTITION);
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !pdfRequestAllowed(details.url, printing) }));
    printing.add(reportUrl);

    win = new BrowserWindow({
      show: false,
      width: 1100,
      height: 1400,
      // Keep these literal and inline: the security scan reads them here (checked again after read-back below).
      webPreferences: {
        session: ses,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        javascript: false,
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
        spellcheck: false,
      },
    });
    const effective = effectiveWebPreferences(win.webContents);
    const problems = effective ? insecurePdfWindowPreferences(effective) : [];
    if (problems.length > 0) throw new Error(`refusing to render the PDF in a window with insecure settings: ${problems.join('; ')}`);

    await withTimeout(win.loadURL(reportUrl), PDF_LOAD_TIMEOUT_MS, 'Loading the report for PDF');
    return await win.webContents.printToPDF(pdfPageOptions(o.countryCode));
  } finally {
    if (win && !win.isDestroyed()) win.destroy();
    if (reportUrl) printing.delete(reportUrl);
    await rm(dir, { recursive: true, force: true });
  }
}
