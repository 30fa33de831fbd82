/**
 * Changes of where data and secrets go are confirmed by the person through the main side: which
 * changes are asked about, what the question says, and that a "no" (or no way to ask) leaves
 * everything as it was. The environment handlers run against a real settings file and store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentSaveConfirmation, secretConfirmation, type ConfirmRequest } from '../../host/confirm';
import { environmentHandlers } from '../../host/environments/service';
import { EnvironmentStore } from '../../host/environments/store';
import { EnvSecretStore } from '../../host/secrets';
import { environmentConfigSchema } from '../../shared/environments';
import { confirmDialogOptions, confirmed } from '../../electron/confirm-dialog';

const env = (o: Record<string, unknown>) => environmentConfigSchema.parse({ id: 'prod', name: 'Production', region: 'custom', baseUrl: 'https://a.example', production: true, ...o });

describe('which changes are asked about', () => {
  it('a new environment, and a new origin, are asked about with the destination and what happens to the secrets', () => {
    const created = environmentSaveConfirmation(undefined, env({}), ['XP_APP_TOKEN_PROD']);
    expect(created?.title).toBe('Create environment "Production" sending to https://a.example?');
    expect(created?.detail.join('\n')).toMatch(/The secret in XP_APP_TOKEN_PROD will be sent there.*\n.*production/s);
    const moved = environmentSaveConfirmation(env({}), env({ baseUrl: 'https://b.example:8443/api' }));
    expect(moved?.title).toBe('Point environment "Production" at https://b.example:8443?');
    expect(moved?.detail.join('\n')).toContain('It pointed at https://a.example; its stored secrets are dropped');
    expect(environmentSaveConfirmation(env({}), env({ region: 'us' }))?.title).toContain('https://api.us.xtremepush.com');
  });

  it('the same origin (another path, name, pacing, auth mode) and the built-in sandbox are not', () => {
    expect(environmentSaveConfirmation(env({}), env({ baseUrl: 'https://a.example/v2', name: 'Prod', batchSize: 10, authMode: 'oauth', oauthClientId: 'c' }))).toBeUndefined();
    expect(environmentSaveConfirmation(undefined, env({ region: 'sandbox', production: false }))).toBeUndefined();
    expect(environmentSaveConfirmation(env({}), env({ region: 'sandbox', production: false }))).toBeUndefined();
  });

  it('storing a secret is asked about except for environments on the built-in sandbox', () => {
    expect(secretConfirmation(env({}), 'apptoken', true)).toMatchObject({ title: 'Store a new app token for "Production"?', detail: expect.arrayContaining(['It replaces the app token stored now.']) });
    expect(secretConfirmation(env({}), 'oauth-client-secret', false)?.detail[0]).toBe('It will be sent to https://a.example with every token request of this environment.');
    expect(secretConfirmation(env({ region: 'sandbox', production: false }), 'apptoken', false)).toBeUndefined();
  });
});

describe('the desktop app asks in a native message box', () => {
  const r: ConfirmRequest = { title: 'Point environment "Production" at https://b.example?', detail: ['one', 'two'], confirmLabel: 'Change the destination' };
  it('whose default and cancel answer is no, and whose only yes is the confirming button', () => {
    expect(confirmDialogOptions(r)).toEqual({ type: 'warning', buttons: ['Change the destination', 'Cancel'], defaultId: 1, cancelId: 1, noLink: true, title: 'Preflight', message: r.title, detail: 'one\n\ntwo' });
    expect([0, 1, 2, -1].map(confirmed)).toEqual([true, false, false, false]);
  });
});

describe('environment handlers with the person answering', () => {
  let dir: string;
  let answers: boolean[];
  let asked: ConfirmRequest[];
  let h: ReturnType<typeof environmentHandlers>;
  let secrets: EnvSecretStore;
  const make = (confirm?: (r: ConfirmRequest) => Promise<boolean>) => {
    const store = new EnvironmentStore(dir);
    secrets = new EnvSecretStore({ XP_APP_TOKEN_STAGE: 'stage-token-from-env-1' });
    h = environmentHandlers({ store, secrets, sandboxUrl: 'http://127.0.0.1:1', confirm });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-confirm-'));
    answers = [];
    asked = [];
    make(async (r) => {
      asked.push(r);
      return answers.shift() ?? false;
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const settings = () => readFileSync(join(dir, 'environments.json'), 'utf8');

  it('a declined new destination saves nothing and keeps the secrets', async () => {
    answers.push(true, true);
    await h['environments.save']({ environment: env({}) });
    await h['environments.setToken']({ id: 'prod', token: 'prod-token-123456' });
    const before = settings();
    answers.push(false);
    await expect(h['environments.save']({ environment: env({ baseUrl: 'https://evil.example' }) })).rejects.toThrow('environment not saved: it was not confirmed');
    expect(settings()).toBe(before);
    expect((await h['environments.list']({})).find((e) => e.id === 'prod')).toMatchObject({ baseUrl: 'https://a.example', hasToken: true });
    expect(asked.map((r) => r.title)).toEqual(['Create environment "Production" sending to https://a.example?', 'Store a new app token for "Production"?', 'Point environment "Production" at https://evil.example?']);
  });

  it('a declined secret is not stored', async () => {
    answers.push(true, false);
    await h['environments.save']({ environment: env({}) });
    await expect(h['environments.setToken']({ id: 'prod', token: 'prod-token-123456' })).rejects.toThrow('the app token was not stored: it was not confirmed');
    expect((await h['environments.list']({})).find((e) => e.id === 'prod')?.hasToken).toBe(false);
  });

  it('without a way to ask, nothing that needs asking happens', async () => {
    make(undefined);
    await expect(h['environments.save']({ environment: env({}) })).rejects.toThrow('environment not saved: this host cannot ask for your confirmation');
  });

  it('an environment on the built-in sandbox is created without asking and takes its token from the variable the person set', async () => {
    const saved = await h['environments.save']({ environment: { id: 'stage', name: 'Staging', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false } });
    expect(asked).toEqual([]);
    expect(saved.hasToken).toBe(true);
    // Pointed elsewhere, the variable's token is not used again this run.
    answers.push(true);
    const moved = await h['environments.save']({ environment: { id: 'stage', name: 'Staging', region: 'custom', baseUrl: 'https://stage.example', production: false } });
    expect(moved).toMatchObject({ hasToken: false, droppedSecrets: ['apptoken'] });
    const back = await h['environments.save']({ environment: { id: 'stage', name: 'Staging', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false } });
    expect(back.hasToken).toBe(false);
  });

  it('a token shorter than 8 characters is refused (it could not be scrubbed reliably)', async () => {
    answers.push(true);
    await h['environments.save']({ environment: env({}) });
    await expect(h['environments.setToken']({ id: 'prod', token: ' abc ' })).rejects.toThrow(/shorter than 8 characters/);
  });

  it('the browser host cannot open a file dialog: it says which variable to set instead', async () => {
    answers.push(true);
    await h['environments.save']({ environment: env({}) });
    expect(await h['environments.chooseTokenFile']({ id: 'prod' })).toEqual({ status: 'unavailable', message: expect.stringContaining('XP_APP_TOKEN_PROD_FILE') });
  });
});
