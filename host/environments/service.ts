/**
 * Handlers for environments: list (with whether secrets are stored — never the secrets), save,
 * remove, store a secret (typed in, or from a file the person picks in a native dialog). Every
 * secret is bound to the environment's destination: a save that changes it drops the secrets,
 * removing the environment deletes them, and changes of destination and new secrets are confirmed
 * by the person through the main side (host/confirm.ts) before anything is kept.
 */
import type { Handlers } from '../ipc/dispatch';
import type { NativeShell } from '../app-service';
import type { Confirm, ConfirmRequest } from '../confirm';
import { environmentSaveConfirmation, SECRET_LABELS, secretConfirmation } from '../confirm';
import type { SecretStore } from '../secrets';
import { oauthSecretVariable, tokenVariable, variableFor } from '../secrets';
import type { EnvironmentConfig } from '../../shared/environments';
import { bindingFor, SECRET_KINDS, secretsDroppedBy, type SecretKind } from '../../shared/secrets/binding';
import { MIN_TOKEN_LENGTH, secretFromFileText } from '../../shared/secrets/token-text';
import { resolveBaseUrl, SANDBOX_ENVIRONMENT_ID, type EnvironmentStore } from './store';

type EnvironmentChannel = 'environments.list' | 'environments.save' | 'environments.remove' | 'environments.setToken' | 'environments.chooseTokenFile';

export interface EnvironmentHandlerOptions {
  store: EnvironmentStore;
  secrets: SecretStore;
  sandboxUrl: string;
  /** Asks the person (native dialog, the browser host's confirmation page); absent, every change that needs asking is refused. */
  confirm?: Confirm;
  /** The desktop shell: picks a token file in a native dialog. */
  native?: Pick<NativeShell, 'chooseSecretFile'>;
}

export function environmentHandlers(o: EnvironmentHandlerOptions): Pick<Handlers, EnvironmentChannel> {
  const { store, secrets } = o;
  const refOf = (environmentId: string, kind: SecretKind) => ({ environmentId, kind });
  /** Secrets that came without a destination (environment variables, older files) belong to the environment as the person set it up. */
  const adopt = async (e: EnvironmentConfig) => {
    for (const kind of SECRET_KINDS) await secrets.adopt(refOf(e.id, kind), bindingFor(e, kind));
  };
  const adopted = Promise.all(store.list().map((e) => adopt(e).catch((err: Error) => console.warn(`preflight: the stored secrets of "${e.id}" could not be read: ${err.message}`))));
  const has = async (e: EnvironmentConfig, kind: SecretKind) => (await secrets.get(refOf(e.id, kind), bindingFor(e, kind)).catch(() => undefined)) !== undefined;
  const view = async (e: EnvironmentConfig) => ({
    id: e.id,
    name: e.name,
    baseUrl: resolveBaseUrl(e, o.sandboxUrl),
    production: e.production,
    hasToken: await has(e, 'apptoken'),
    hasSecret: await has(e, 'oauth-client-secret'),
    builtin: e.id === SANDBOX_ENVIRONMENT_ID,
    region: e.region,
    authMode: e.authMode,
    ...(e.oauthClientId ? { oauthClientId: e.oauthClientId } : {}),
    legacyPersonalisation: e.legacyPersonalisation,
    batchSize: e.batchSize,
    concurrency: e.concurrency,
    ratePerSecond: e.ratePerSecond,
    qaUsers: e.qaUsers,
    tokenVariable: tokenVariable(e.id),
    secretVariable: oauthSecretVariable(e.id),
  });
  const ask = async (request: ConfirmRequest | undefined, refusal: string) => {
    if (!request) return;
    if (!o.confirm) throw new Error(`${refusal}: this host cannot ask for your confirmation`);
    if (!(await o.confirm(request))) throw new Error(`${refusal}: it was not confirmed`);
  };
  const environment = (id: string) => {
    const env = store.get(id);
    if (!env) throw new Error(`no environment "${id}"`);
    return env;
  };
  /** Keeps a secret for the environment's destination, after the person confirmed it. */
  const keep = async (env: EnvironmentConfig, kind: SecretKind, value: string) => {
    await ask(secretConfirmation(env, kind, await has(env, kind)), `the ${SECRET_LABELS[kind]} was not stored`);
    // The destination may have changed while the person was asked: bind to what holds now.
    const now = environment(env.id);
    if (bindingFor(now, kind).origin !== bindingFor(env, kind).origin) throw new Error(`the ${SECRET_LABELS[kind]} was not stored: "${now.name}" changed while you were asked`);
    await secrets.set(refOf(env.id, kind), value, bindingFor(now, kind));
    return { hasToken: await has(now, 'apptoken'), hasSecret: await has(now, 'oauth-client-secret') };
  };

  return {
    'environments.list': async () => {
      await adopted;
      return Promise.all(store.list().map(view));
    },
    'environments.save': async ({ environment: input }) => {
      await adopted;
      const next = store.validate(input);
      const before = store.get(next.id);
      const variables = SECRET_KINDS.map((k) => refOf(next.id, k))
        .filter((r) => secrets.hasVariable?.(r))
        .map(variableFor);
      await ask(environmentSaveConfirmation(before, next, variables), 'environment not saved');
      // What was stored for the old destination, to tell the person what they must enter again.
      const held = before ? await Promise.all(SECRET_KINDS.map((k) => has(before, k))) : [];
      const saved = await store.save(next);
      const gone = secretsDroppedBy(before, saved);
      if (gone.length) await secrets.drop(saved.id, gone);
      const dropped = gone.filter((k) => held[SECRET_KINDS.indexOf(k)]);
      if (!before) await adopt(saved);
      return { ...(await view(saved)), ...(dropped.length ? { droppedSecrets: dropped } : {}) };
    },
    'environments.remove': async ({ id }) => {
      await store.remove(id);
      await secrets.drop(id);
      return { removed: true };
    },
    'environments.setToken': async ({ id, token, secret }) => {
      const kind = secret ?? 'apptoken';
      const value = token.trim();
      if (value.length < MIN_TOKEN_LENGTH) throw new Error(`the ${SECRET_LABELS[kind]} was not stored: it is shorter than ${MIN_TOKEN_LENGTH} characters`);
      return keep(environment(id), kind, value);
    },
    'environments.chooseTokenFile': async ({ id, secret }) => {
      const kind = secret ?? 'apptoken';
      const env = environment(id);
      if (!o.native) return { status: 'unavailable', message: `Choosing a file is available in the desktop app. For the browser host, start it with ${variableFor(refOf(id, kind))}_FILE naming the file (or ${variableFor(refOf(id, kind))} holding the ${SECRET_LABELS[kind]}).` };
      const chosen = await o.native.chooseSecretFile({
        title: `The ${SECRET_LABELS[kind]} of ${env.name}`,
        message: `Choose the file holding the ${SECRET_LABELS[kind]} of "${env.name}". Its content is stored in the OS secret store and sent to ${resolveBaseUrl(env, o.sandboxUrl)} only.`,
      });
      if (chosen.status !== 'chosen') return { status: 'cancelled' };
      const read = secretFromFileText(chosen.text);
      if (!read.ok) throw new Error(`the ${SECRET_LABELS[kind]} was not stored: ${read.message}`);
      return { status: 'stored', ...(await keep(env, kind, read.value)) };
    },
  };
}
