/**
 * The native About box's text (pure, no Electron import): the app's version and the bundled data it
 * checks emails against, with that data's version and date, as the About box is where people look.
 */
import { CANIEMAIL_SOURCE } from '../shared/guardrails/compat/data';

/** Options for app.setAboutPanelOptions. */
export function aboutPanelOptions(appName: string, version: string): { applicationName: string; applicationVersion: string; credits: string } {
  return {
    applicationName: appName,
    applicationVersion: version,
    credits: `Email client compatibility: ${CANIEMAIL_SOURCE.name}, ${CANIEMAIL_SOURCE.package}, updated ${CANIEMAIL_SOURCE.updated} (${CANIEMAIL_SOURCE.url}, ${CANIEMAIL_SOURCE.license}).`,
  };
}
