/** Handlers for environments: list (with whether a token is stored), save, remove, set a token. */
import type { Handlers } from '../ipc/dispatch';
import type { SecretStore } from '../secrets';
import { tokenVariable } from '../secrets';
import type { EnvironmentConfig } from '../../shared/environments';
import { resolveBaseUrl, SANDBOX_ENVIRONMENT_ID, type EnvironmentStore } from './store';

export function environmentHandlers(store: EnvironmentStore, secrets: SecretStore, sandboxUrl: string): Pick<Handlers, 'environments.list' | 'environments.save' | 'environments.remove' | 'environments.setToken'> {
  for (const e of store.list()) if (e.tokenFile) secrets.setFile?.(e.id, e.tokenFile);
  const view = async (e: EnvironmentConfig) => ({
    id: e.id,
    name: e.name,
    baseUrl: resolveBaseUrl(e, sandboxUrl),
    production: e.production,
    hasToken: await secrets.has(e.id),
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
  });
  return {
    'environments.list': async () => Promise.all(store.list().map(view)),
    'environments.save': async ({ environment }) => {
      const saved = await store.save(environment);
      if (saved.tokenFile) secrets.setFile?.(saved.id, saved.tokenFile);
      return view(saved);
    },
    'environments.remove': async ({ id }) => {
      await store.remove(id);
      return { removed: true };
    },
    'environments.setToken': async ({ id, token, file }) => {
      const env = store.get(id);
      if (!env) throw new Error(`no environment "${id}"`);
      if ((token === undefined) === (file === undefined)) throw new Error('give either a token or a token file');
      if (file !== undefined) {
        await store.save({ ...env, tokenFile: file });
        secrets.setFile?.(id, file);
        if (!(await secrets.get(id))) throw new Error(`the token file ${file} is empty`);
      } else {
        await secrets.set(id, token!.trim());
        await secrets.persist?.(id, token!.trim());
      }
      return { hasToken: await secrets.has(id) };
    },
  };
}
