import { describe, expect, it } from 'vitest';
import { filePathFromUrl, isAppUrl, isSafeExternalUrl, navigationDecision, windowOpenDecision } from '../../electron/guards';
import { openExternalAfterConfirm } from '../../electron/external-links';

const appUrl = 'app://preflight/index.html';

describe('isAppUrl', () => {
  it('accepts any page of the app:// origin and nothing else', () => {
    expect(isAppUrl('app://preflight/index.html', appUrl)).toBe(true);
    expect(isAppUrl('app://preflight/assets/x.js', appUrl)).toBe(true);
    expect(isAppUrl('app://evil/index.html', appUrl)).toBe(false);
    expect(isAppUrl('https://preflight/index.html', appUrl)).toBe(false);
    expect(isAppUrl('about:srcdoc', appUrl)).toBe(false);
    expect(isAppUrl('data:text/html,<script>1</script>', appUrl)).toBe(false);
    expect(isAppUrl('', appUrl)).toBe(false);
  });
  it('does not take another opaque-origin URL for the app (custom schemes all have origin "null")', () => {
    expect(isAppUrl('evil://preflight/index.html', appUrl)).toBe(false);
    expect(isAppUrl('app:///index.html', appUrl)).toBe(false);
    expect(isAppUrl('blob:null/1234', appUrl)).toBe(false);
  });
  it('with a file: renderer accepts only that exact file', () => {
    expect(isAppUrl('file:///app/dist/index.html', 'file:///app/dist/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd', 'file:///app/dist/index.html')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('offers only http(s) links with a host and no credentials', () => {
    expect(isSafeExternalUrl('https://docs.xtremepush.com/api')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'app://preflight/', 'https://user:pw@example.com', 'not a url', 'mailto:a@b.c']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });
});

describe('navigationDecision', () => {
  it('the main frame never navigates; an http(s) link is offered externally instead', () => {
    expect(navigationDecision('app://preflight/index.html', { isMainFrame: true, appUrl })).toEqual({ action: 'deny' });
    expect(navigationDecision('https://evil.example/phish', { isMainFrame: true, appUrl })).toEqual({ action: 'ask-external', url: 'https://evil.example/phish' });
    expect(navigationDecision('javascript:alert(1)', { isMainFrame: true, appUrl })).toEqual({ action: 'deny' });
  });
  it('a file dropped on the window (its file: URL) becomes "open with"', () => {
    expect(navigationDecision('file:///home/me/ws/campaigns/a%20b.yaml', { isMainFrame: true, appUrl, platform: 'linux' })).toEqual({ action: 'open-file', path: '/home/me/ws/campaigns/a b.yaml' });
    expect(navigationDecision('file:///C:/Users/me/ws', { isMainFrame: true, appUrl, platform: 'win32' })).toEqual({ action: 'open-file', path: 'C:\\Users\\me\\ws' });
  });
  it('an email preview may load its own srcdoc, but a link clicked in it never loads in the app', () => {
    expect(navigationDecision('about:srcdoc', { isMainFrame: false, appUrl })).toEqual({ action: 'allow' });
    expect(navigationDecision('about:blank', { isMainFrame: false, appUrl })).toEqual({ action: 'allow' });
    expect(navigationDecision('file:///etc/passwd', { isMainFrame: false, appUrl })).toEqual({ action: 'deny' });
    expect(navigationDecision('data:text/html,x', { isMainFrame: false, appUrl })).toEqual({ action: 'deny' });
  });
  it('a subframe navigating to http(s) is denied silently: no "Open this link?" prompt without a gesture of the person', () => {
    // A frame can navigate itself (a meta refresh, a nested iframe's src) with no click at all, so
    // offering its target in the system browser would let a message open prompts at will.
    for (const url of ['https://tracker.example/click', 'http://127.0.0.1:9/x', 'https://example.com/?a=1#b']) expect(navigationDecision(url, { isMainFrame: false, appUrl }), url).toEqual({ action: 'deny' });
    // The main frame still offers its links (the person clicked something in the app itself).
    expect(navigationDecision('https://tracker.example/click', { isMainFrame: true, appUrl })).toEqual({ action: 'ask-external', url: 'https://tracker.example/click' });
  });
});

describe('windowOpenDecision', () => {
  it('never opens an Electron window: http(s) is offered externally, everything else is denied', () => {
    expect(windowOpenDecision('https://example.com/')).toEqual({ action: 'ask-external', url: 'https://example.com/' });
    expect(windowOpenDecision('app://preflight/index.html')).toEqual({ action: 'deny' });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny' });
  });
});

describe('filePathFromUrl', () => {
  it('ignores remote file URLs and malformed escapes', () => {
    expect(filePathFromUrl('file://server/share/x', 'linux')).toBeUndefined();
    expect(filePathFromUrl('file:///%E0%A4%A', 'linux')).toBeUndefined();
    expect(filePathFromUrl('https://x/y', 'linux')).toBeUndefined();
  });
});

describe('openExternalAfterConfirm', () => {
  it('opens an http(s) link only after the person confirms, showing exactly what is opened', async () => {
    const opened: string[] = [];
    const asked: string[] = [];
    const outcome = await openExternalAfterConfirm(
      'https://Example.com/a b',
      async (u) => (asked.push(u), true),
      async (u) => void opened.push(u),
    );
    expect(outcome).toBe('opened');
    expect(asked).toEqual(['https://example.com/a%20b']);
    expect(opened).toEqual(asked);
  });
  it('does not open when the person cancels', async () => {
    const opened: string[] = [];
    expect(
      await openExternalAfterConfirm(
        'https://example.com',
        async () => false,
        async (u) => void opened.push(u),
      ),
    ).toBe('cancelled');
    expect(opened).toEqual([]);
  });
  it('refuses other schemes without asking', async () => {
    let asked = false;
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://x/y']) {
      expect(
        await openExternalAfterConfirm(
          url,
          async () => (asked = true),
          async () => undefined,
        ),
      ).toBe('refused');
    }
    expect(asked).toBe(false);
  });
  it('reports a failure to open as a value', async () => {
    expect(
      await openExternalAfterConfirm(
        'https://example.com',
        async () => true,
        async () => Promise.reject(new Error('no browser')),
      ),
    ).toBe('failed');
  });
});
