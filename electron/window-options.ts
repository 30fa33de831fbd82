/**
 * What every window's webPreferences must be (Electron security checklist): no Node in the
 * renderer, isolated and sandboxed preload, web security on, no insecure content, no <webview>.
 * The literal options are written inline in electron/window.ts (so the static scan can read them);
 * the window is then read back with `getLastWebPreferences()` and checked here before it loads
 * anything — a wrong setting stops the app instead of running insecurely. The Electron smoke test
 * checks the same read-back values.
 */

/** The settings the checklist requires, as read back from a live window (`getLastWebPreferences`). */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  webviewTag: false,
} as const;

/** A window's effective settings via Electron's untyped `getLastWebPreferences()`, or null without it. */
export function effectiveWebPreferences(webContents: unknown): Record<string, unknown> | null {
  return (webContents as { getLastWebPreferences?: () => Record<string, unknown> | null }).getLastWebPreferences?.() ?? null;
}

/** Lists every required setting a window's preferences break; empty when all hold. */
export function insecureWebPreferences(prefs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, want] of Object.entries(REQUIRED_WEB_PREFERENCES)) if (prefs[key] !== want) problems.push(`${key} is ${String(prefs[key])}, must be ${String(want)}`);
  if (prefs.allowRunningInsecureContent === true) problems.push('allowRunningInsecureContent must not be true');
  if (prefs.nodeIntegrationInWorker === true) problems.push('nodeIntegrationInWorker must not be true');
  if (prefs.nodeIntegrationInSubFrames === true) problems.push('nodeIntegrationInSubFrames must not be true');
  if (prefs.experimentalFeatures === true) problems.push('experimentalFeatures must not be true');
  return problems;
}
