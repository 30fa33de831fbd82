/**
 * Handlers of the platform channels: environments, test connection, browse, fetch and import live
 * campaigns, delivery follow-up, and the sandbox's platform controls. Joined in host/services.ts.
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { ChannelResult } from '../../shared/ipc/contract';
import type { PlatformFailure } from '../../shared/ipc/channels/platform';
import { API_TRIGGER, LIST_ORDER, LIST_SELECT, titleSearchCondition } from '../../shared/platform/assumptions';
import { parseCampaignList, parseCampaignModel } from '../../shared/platform/campaign';
import { campaignFileStem, importedCampaignYaml } from '../../shared/platform/campaign-file';
import { classifyConnection } from '../../shared/platform/connection';
import { clipRaw } from '../../shared/platform/envelope';
import { mapPlatformCampaign } from '../../shared/platform/mapping';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../context';
import { platformState } from '../sandbox/platform-routes';
import { callPlatform, successOf } from './client';
import { platformEnvironments, findEnvironment } from './environments';
import { deliveryErrors } from './follow-up';
import { seedSandboxPlatform } from './sandbox-seed';

type PlatformChannel = 'platform.environments' | 'platform.testConnection' | 'platform.listCampaigns' | 'platform.fetchCampaign' | 'platform.importCampaign' | 'platform.deliveryErrors' | 'sandbox.platform.setCampaign' | 'sandbox.platform.configure';

const unknownEnvironment = (id: string): { ok: false; failure: PlatformFailure } => ({ ok: false, failure: { kind: 'unknown-environment', message: `There is no environment "${id}".` } });

/** The platform handlers; seeding the sandbox starts now and every handler waits for it. */
export function platformHandlers(ctx: ServiceContext): Pick<Handlers, PlatformChannel> {
  const seeded = seedSandboxPlatform(ctx).catch((e: Error) => console.error(`preflight: the sandbox's campaigns could not be seeded: ${e.message}`));
  const env = async (id: string) => {
    await seeded;
    return findEnvironment(ctx, id);
  };

  const fetchLive = async (e: EnvironmentConfig, campaignId: string): Promise<ChannelResult<'platform.fetchCampaign'>> => {
    const r = successOf(await callPlatform(e, ctx.secrets, 'info', 'campaign', { id: campaignId }), `read campaign ${campaignId}`);
    if (!r.ok) return r;
    const { campaign, problems } = parseCampaignModel(r.envelope.model);
    if (!campaign)
      return { ok: false, failure: { kind: 'unreadable', message: `The platform's answer for campaign ${campaignId} could not be understood: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}.`, raw: clipRaw(JSON.stringify(r.envelope.model ?? null, null, 2)) } };
    return { ok: true, live: { ...mapPlatformCampaign(campaign), problems, envelopeExtra: r.envelope.extra } };
  };

  return {
    'platform.environments': async () => (await platformEnvironments(ctx)).map((e) => ({ id: e.id, name: e.name, region: e.region, baseUrl: e.baseUrl, authMode: e.authMode, production: e.production, builtin: e.region === 'sandbox' })),

    'platform.testConnection': async ({ environmentId }) => {
      const e = await env(environmentId);
      if (!e) return { outcome: 'unknown-environment', ok: false, title: 'Unknown environment', explanation: `There is no environment "${environmentId}".` };
      const o = await callPlatform(e, ctx.secrets, 'list', 'campaign', { limit: 1, offset: 0, select: ['id'], condition: [['trigger', '=', API_TRIGGER]] }, { timeoutMs: 10_000 });
      if (o.kind !== 'response') return classifyConnection(o, e.name);
      const message = o.envelope ? [o.envelope.message].filter(Boolean).join('') || undefined : o.unreadable?.message;
      return classifyConnection({ kind: 'http', status: o.status, readable: !o.unreadable, ...(message ? { message } : {}) }, e.name);
    },

    'platform.listCampaigns': async ({ environmentId, search, offset, limit }) => {
      const e = await env(environmentId);
      if (!e) return unknownEnvironment(environmentId);
      const condition: unknown[] = [['trigger', '=', API_TRIGGER]];
      if (search?.trim()) condition.push(titleSearchCondition(search.trim()));
      // One row more than asked tells whether there is a next page without a total count.
      const r = successOf(await callPlatform(e, ctx.secrets, 'list', 'campaign', { limit: limit + 1, offset, select: LIST_SELECT, condition, order: LIST_ORDER }), 'list the campaigns');
      if (!r.ok) return r;
      const { rows, problems } = parseCampaignList(r.envelope.data);
      if (rows.length === 0 && problems.length && !Array.isArray(r.envelope.data))
        return { ok: false, failure: { kind: 'unreadable', message: `The campaign list could not be understood: ${problems[0]!.path}: ${problems[0]!.message}.`, raw: clipRaw(JSON.stringify(r.envelope.data ?? null, null, 2)) } };
      const apiRows = rows.filter((row) => row.apiTriggered);
      return { ok: true, rows: apiRows.slice(0, limit), offset, hasMore: rows.length > limit, problems };
    },

    'platform.fetchCampaign': async ({ environmentId, campaignId }) => {
      const e = await env(environmentId);
      return e ? fetchLive(e, campaignId) : unknownEnvironment(environmentId);
    },

    'platform.importCampaign': async ({ environmentId, campaignId }) => {
      const e = await env(environmentId);
      if (!e) return unknownEnvironment(environmentId);
      const r = await fetchLive(e, campaignId);
      if (!r.ok) return r;
      const text = importedCampaignYaml(r.live, { environmentName: e.name, importedAt: new Date().toISOString() });
      return { ok: true, live: r.live, path: `campaigns/${campaignFileStem(r.live.campaign.name, campaignId)}.yaml`, text };
    },

    'platform.deliveryErrors': async (args) => {
      const e = await env(args.environmentId);
      return e ? deliveryErrors(e, ctx.secrets, args) : unknownEnvironment(args.environmentId);
    },

    'sandbox.platform.setCampaign': async ({ id, set }) => {
      await seeded;
      return { model: platformState(ctx.sandbox.state).setCampaign(id, set) };
    },

    'sandbox.platform.configure': async (o) => {
      await seeded;
      return platformState(ctx.sandbox.state).configure(o);
    },
  };
}
