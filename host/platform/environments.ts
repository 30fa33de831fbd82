/**
 * Where the platform integration reads environment settings: the send work's environment store
 * (`<data>/environments.json`, host/environments/store.ts), re-read on each lookup so edits made in
 * the environments UI apply at once, with the base URL resolved the way the send path resolves it
 * (region hosts, the running sandbox, or the custom URL). The one place to change if the store is
 * later handed to services directly.
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { ServiceContext } from '../context';
import { EnvironmentStore, resolveBaseUrl } from '../environments/store';

/** Every environment the platform features can use, with full settings (never secrets). */
export async function platformEnvironments(ctx: Pick<ServiceContext, 'sandbox' | 'dataDir'>): Promise<EnvironmentConfig[]> {
  return new EnvironmentStore(ctx.dataDir).list().map((e) => ({ ...e, baseUrl: resolveBaseUrl(e, ctx.sandbox.url) }));
}

/** One environment by id, or undefined. */
export async function findEnvironment(ctx: Pick<ServiceContext, 'sandbox' | 'dataDir'>, id: string): Promise<EnvironmentConfig | undefined> {
  return (await platformEnvironments(ctx)).find((e) => e.id === id);
}
