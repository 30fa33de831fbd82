/** Handlers for environments and sends (the send engine runs here, in the main process). */
import type { EnvironmentInfo } from '../../shared/ipc/contract';
import { buildExecuteBodies } from '../../shared/send/request';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../context';
import { executeSend } from './execute';

export const SANDBOX_ENVIRONMENT_ID = 'sandbox';

export function sendHandlers(ctx: ServiceContext): Pick<Handlers, 'environments.list' | 'send.execute'> {
  const environments = async (): Promise<EnvironmentInfo[]> => [
    { id: SANDBOX_ENVIRONMENT_ID, name: 'Sandbox', baseUrl: ctx.sandbox.url, production: false, hasToken: await ctx.secrets.has(SANDBOX_ENVIRONMENT_ID), builtin: true },
  ];
  return {
    'environments.list': environments,
    'send.execute': async ({ environmentId, campaignId, data, batchSize, confirmation }) => {
      const env = (await environments()).find((e) => e.id === environmentId);
      if (!env) throw new Error(`unknown environment "${environmentId}"`);
      if (confirmation.environmentId !== environmentId || confirmation.campaignId !== campaignId || confirmation.recipients !== data.target.length)
        throw new Error('the confirmation does not match this send (environment, campaign id or recipient count differ); nothing was sent');
      const token = await ctx.secrets.get(environmentId);
      if (!token) throw new Error(`no app token is stored for environment "${env.name}"; nothing was sent`);
      const bodies = buildExecuteBodies(campaignId, data, batchSize);
      return executeSend({
        baseUrl: env.baseUrl,
        token,
        environment: env.id,
        campaignId,
        bodies,
        onProgress: (done, total) => ctx.emit('send.progress', { sendId: '', done, total }),
      });
    },
  };
}
