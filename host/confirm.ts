/**
 * Confirmations the renderer cannot forge. Channels that change where data or secrets go (an
 * environment created or pointed at another origin, a secret stored) ask the person through the
 * main side: a native dialog in the desktop app (electron/confirm-dialog.ts), the browser host's
 * own confirmation page on another origin (host/confirm-page.ts). This module decides — purely —
 * whether a change needs asking and what the question says; the question states facts computed
 * here from the settings, never text from the renderer.
 */
import type { EnvironmentConfig } from '../shared/environments';
import { destinationLabel, environmentOrigin, type SecretKind } from '../shared/secrets/binding';

export interface ConfirmRequest {
  /** The question, in one line. */
  title: string;
  /** Facts the person should weigh, one per line. */
  detail: string[];
  /** The label of the button that says yes. */
  confirmLabel: string;
}

/** Asks the person; resolves true only for an explicit yes (a closed dialog, a timeout or a refusal is false). */
export type Confirm = (request: ConfirmRequest) => Promise<boolean>;

/** What a secret is called in questions and messages. */
export const SECRET_LABELS: Record<SecretKind, string> = { apptoken: 'app token', 'oauth-client-secret': 'OAuth client secret' };

const CAUTION = 'Confirm only a change you just made in Preflight yourself.';

/**
 * The question a save needs, or undefined when it changes no destination: a new environment or a
 * new origin (region or base URL) is asked about; the built-in sandbox (this machine) is not,
 * nor is a change of name, pacing, QA users, auth mode or client id on the same origin.
 * `variables` names the environment variables that would hand a secret to a new environment.
 */
export function environmentSaveConfirmation(before: EnvironmentConfig | undefined, after: EnvironmentConfig, variables: string[] = []): ConfirmRequest | undefined {
  if (after.region === 'sandbox') return undefined;
  const origin = environmentOrigin(after);
  if (before && environmentOrigin(before) === origin) return undefined;
  const detail = [`Sends, connection tests and campaign reads of "${after.name}" (${after.id}) will go to ${origin}.`];
  if (before) detail.push(`It pointed at ${destinationLabel(environmentOrigin(before))}; its stored secrets are dropped and must be entered again.`);
  else for (const v of variables) detail.push(`The secret in ${v} will be sent there.`);
  if (after.production) detail.push('It is marked production: its sends reach real customers.');
  detail.push(CAUTION);
  return {
    title: before ? `Point environment "${after.name}" at ${origin}?` : `Create environment "${after.name}" sending to ${origin}?`,
    detail,
    confirmLabel: before ? 'Change the destination' : 'Create it',
  };
}

/** The question storing a secret needs, or undefined for the built-in sandbox's environments (their secrets stay on this machine). */
export function secretConfirmation(env: EnvironmentConfig, kind: SecretKind, replaces: boolean): ConfirmRequest | undefined {
  if (env.region === 'sandbox') return undefined;
  const origin = environmentOrigin(env);
  const what = SECRET_LABELS[kind];
  return {
    title: `Store a new ${what} for "${env.name}"?`,
    detail: [
      `It will be sent to ${origin} with every ${kind === 'apptoken' ? 'send and platform call' : 'token request'} of this environment.`,
      ...(replaces ? [`It replaces the ${what} stored now.`] : []),
      ...(env.production ? ['The environment is marked production: its sends reach real customers.'] : []),
      CAUTION,
    ],
    confirmLabel: `Store the ${what}`,
  };
}
