import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insecurePdfWindowPreferences, paperSizeFor, pdfFileName, pdfPageOptions, pdfRequestAllowed, pdfSaveDialogOptions, PDF_PARTITION } from '../../electron/pdf-options';
import { insecureWebPreferences } from '../../electron/window-options';

const root = join(__dirname, '..', '..');

/**
 * The literal `webPreferences` of the `new BrowserWindow({...})` in an Electron file, read as text
 * (the file imports Electron, so it cannot be loaded here). Values that are not literals (the
 * session) are left out.
 */
function literalWebPreferences(file: string): Record<string, unknown> {
  const source = readFileSync(join(root, file), 'utf8');
  const start = source.indexOf('new BrowserWindow(');
  expect(start, `${file} creates a BrowserWindow`).toBeGreaterThan(-1);
  const block = /webPreferences:\s*\{([\s\S]*?)\n\s*\},/.exec(source.slice(start));
  expect(block, `${file} has an inline webPreferences literal`).not.toBeNull();
  const prefs: Record<string, unknown> = {};
  for (const m of block![1]!.matchAll(/^\s*(\w+):\s*(true|false|'[^']*'|[^,\n]+),/gm)) {
    const [, key, raw] = m as unknown as [string, string, string];
    if (raw === 'true' || raw === 'false') prefs[key] = raw === 'true';
    else if (raw.startsWith("'")) prefs[key] = raw.slice(1, -1);
    else prefs[key] = { expression: raw };
  }
  return prefs;
}

describe('the hidden PDF window', () => {
  const pdf = literalWebPreferences('electron/pdf-export.ts');
  const main = literalWebPreferences('electron/window.ts');

  it('is created with the checklist webPreferences, no preload and JavaScript off', () => {
    expect(pdf).toMatchObject({
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
    });
    expect(pdf).not.toHaveProperty('preload');
    expect(insecureWebPreferences(pdf)).toEqual([]);
    expect(insecurePdfWindowPreferences(pdf)).toEqual([]);
  });
  it('is hardened at least like the main window: every security setting of the main window has the same value', () => {
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity', 'allowRunningInsecureContent', 'webviewTag', 'experimentalFeatures', 'disableBlinkFeatures']) {
      expect(main, key).toHaveProperty(key);
      expect(pdf[key], key).toEqual(main[key]);
    }
    // The one setting that differs: a drop on a hidden window never becomes "open with".
    expect(pdf.navigateOnDragDrop).toBe(false);
  });
  it('uses its own in-memory session (permissions and requests limited there)', () => {
    expect(pdf.session).toEqual({ expression: 'ses' });
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
  });
});

describe('read-back check of the PDF window', () => {
  const good = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, javascript: false };
  it('passes the hardened settings', () => {
    expect(insecurePdfWindowPreferences(good)).toEqual([]);
    // Electron may leave keys out of the read-back; the checklist ones are required, javascript is checked when present.
    const { javascript: _, ...withoutJs } = good;
    expect(insecurePdfWindowPreferences(withoutJs)).toEqual([]);
  });
  it('names JavaScript on, a preload, and every broken checklist setting', () => {
    expect(insecurePdfWindowPreferences({ ...good, javascript: true }).join('\n')).toMatch(/javascript is true/);
    expect(insecurePdfWindowPreferences({ ...good, preload: '/x/preload.cjs' }).join('\n')).toMatch(/no preload/);
    const broken = insecurePdfWindowPreferences({ ...good, sandbox: false, contextIsolation: false });
    expect(broken).toHaveLength(2);
    expect(broken.join('\n')).toMatch(/sandbox is false/);
    expect(broken.join('\n')).toMatch(/contextIsolation is false/);
    expect(insecurePdfWindowPreferences({})).toHaveLength(5);
  });
});

describe('requests from the PDF window', () => {
  const report = 'file:///tmp/preflight-pdf-abc/qa-report.html';
  it('allow only a report being printed and inline data: images', () => {
    expect(pdfRequestAllowed(report, [report])).toBe(true);
    expect(pdfRequestAllowed(report, ['file:///tmp/preflight-pdf-other/qa-report.html', report])).toBe(true);
    expect(pdfRequestAllowed('data:image/png;base64,iVBORw0KGgo=', [report])).toBe(true);
  });
  it('recognise the report however its URL is spelled (percent-encoding, localhost)', () => {
    const spaced = 'file:///C:/Users/Ann%20Lee/AppData/Local/Temp/preflight-pdf-x/qa-report.html';
    expect(pdfRequestAllowed('file:///C:/Users/Ann Lee/AppData/Local/Temp/preflight-pdf-x/qa-report.html', [spaced])).toBe(true);
    expect(pdfRequestAllowed('file://localhost/tmp/preflight-pdf-abc/qa-report.html', [report])).toBe(true);
  });
  it('cancel the network, other local files, the app itself, and everything once no report is printing', () => {
    for (const url of [
      'https://tracker.example/pixel.gif',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///tmp/preflight-pdf-abc/other.html',
      'file://evil.example/tmp/preflight-pdf-abc/qa-report.html',
      'app://preflight/index.html',
      'ws://x',
      'blob:null/1',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(pdfRequestAllowed(url, [report]), url).toBe(false);
    }
    expect(pdfRequestAllowed(report, [])).toBe(false);
  });
});

describe('PDF file name and save dialog', () => {
  it('suggest the report name with a .pdf extension, never a path', () => {
    expect(pdfFileName('promo-journey-qa-report.pdf')).toBe('promo-journey-qa-report.pdf');
    expect(pdfFileName('promo-journey-qa-report.html')).toBe('promo-journey-qa-report.pdf');
    expect(pdfFileName('promo-journey-qa-report')).toBe('promo-journey-qa-report.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('passwd.pdf');
    expect(pdfFileName('C:\\Users\\x\\report.html')).toBe('report.pdf');
    expect(pdfFileName('.html')).toBe('qa-report.pdf');
  });
  it('offer only the PDF filter', () => {
    expect(pdfSaveDialogOptions({ suggestedName: 'promo-journey-qa-report.pdf' })).toEqual({ title: 'Export PDF', defaultPath: 'promo-journey-qa-report.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(pdfSaveDialogOptions({ title: 'Export QA report as PDF', suggestedName: 'x.html' })).toMatchObject({ title: 'Export QA report as PDF', defaultPath: 'x.pdf' });
  });
});

describe('PDF page setup', () => {
  it("prints on the paper of the person's country: Letter in North America and a few others, A4 elsewhere", () => {
    expect(paperSizeFor('US')).toBe('Letter');
    expect(paperSizeFor('ca')).toBe('Letter');
    expect(paperSizeFor('IE')).toBe('A4');
    expect(paperSizeFor('GB')).toBe('A4');
    expect(paperSizeFor('')).toBe('A4');
    expect(paperSizeFor(undefined)).toBe('A4');
  });
  it('portrait, backgrounds kept, margins in inches, a footer with title and page numbers filled by Chromium (no script)', () => {
    const o = pdfPageOptions('IE');
    expect(o).toMatchObject({ pageSize: 'A4', landscape: false, printBackground: true, displayHeaderFooter: true, preferCSSPageSize: false });
    for (const m of Object.values(o.margins)) {
      expect(m).toBeGreaterThan(0.2);
      expect(m).toBeLessThan(1.5);
    }
    expect(o.footerTemplate).toContain('class="pageNumber"');
    expect(o.footerTemplate).toContain('class="totalPages"');
    expect(o.footerTemplate).toContain('class="title"');
    expect(o.footerTemplate + o.headerTemplate).not.toMatch(/<script|on\w+=/i);
    expect(pdfPageOptions('US').pageSize).toBe('Letter');
  });
});
