import { describe, expect, it } from 'vitest';
import { permissionDecision } from '../../electron/permissions';
import { insecureWebPreferences } from '../../electron/window-options';

const appUrl = 'app://preflight/index.html';

describe('permission requests', () => {
  it('are denied by default: camera, microphone, notifications, geolocation, clipboard reading, openExternal…', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'midi', 'hid', 'serial', 'fullscreen', 'display-capture', 'unknown']) {
      expect(permissionDecision({ permission, requestingUrl: 'app://preflight/index.html', isMainFrame: true }, appUrl), permission).toBe(false);
    }
  });
  it('let the app page write sanitised text to the clipboard (copy buttons), nothing else', () => {
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://preflight/index.html', isMainFrame: true }, appUrl)).toBe(true);
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://preflight', isMainFrame: true }, appUrl)).toBe(true);
  });
  it('give an email preview or a foreign page nothing, even the clipboard', () => {
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: 'about:srcdoc', isMainFrame: false }, appUrl)).toBe(false);
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://preflight/index.html', isMainFrame: false }, appUrl)).toBe(false);
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: 'https://evil.example', isMainFrame: true }, appUrl)).toBe(false);
    expect(permissionDecision({ permission: 'clipboard-sanitized-write', requestingUrl: undefined, isMainFrame: undefined }, appUrl)).toBe(false);
  });
});

describe('webPreferences read back from a window', () => {
  it('pass when they are the checklist settings', () => {
    expect(insecureWebPreferences({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })).toEqual([]);
  });
  it('name every broken setting', () => {
    const problems = insecureWebPreferences({ contextIsolation: false, sandbox: true, nodeIntegration: true, webSecurity: true, webviewTag: false, allowRunningInsecureContent: true, nodeIntegrationInSubFrames: true });
    expect(problems.join('\n')).toMatch(/contextIsolation/);
    expect(problems.join('\n')).toMatch(/nodeIntegration is true/);
    expect(problems.join('\n')).toMatch(/allowRunningInsecureContent/);
    expect(problems.join('\n')).toMatch(/nodeIntegrationInSubFrames/);
  });
  it('treat a missing setting as broken (no relying on defaults)', () => {
    expect(insecureWebPreferences({})).toHaveLength(5);
  });
});
