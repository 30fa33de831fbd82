/**
 * Send state: environments, the preview of a planned send (a draft the main process holds), the
 * running send's progress, the last send's account, and the history. Tokens never come here: the
 * renderer starts a send by draft id with the person's confirmation.
 */
import { create } from 'zustand';
import type { ChannelArgs, EventPayload } from '../../shared/ipc/contract';
import type { EnvironmentView, SendDetail, SendDraft, SendSummary } from '../../shared/ipc/channels/send';
import type { SendData } from '../../shared/campaign/send-data';
import { api, call } from '../api/client';
import { errorCode, requester } from './request';
import { DEFAULT_PROOF_PARAM } from '../../shared/send/proof';
import { hostData } from './host-data';

/**
 * What the Send button asks for: a campaign's data, to an environment. The campaign is named by its
 * file: the host checks the saved file itself and decides what blocks (host/send/send-check.ts).
 */
export interface SendRequest {
  campaignFile: string;
  /** Shown until the host's draft says (it takes the id from the saved file). */
  campaignId: string;
  campaignName: string;
  data: SendData;
  environmentId: string;
}

export interface SendOptionsInput {
  time: string;
  targetExistingOnly: '' | 'yes' | 'no';
  /** JSON text of extra properties. */
  extra: string;
}

type Progress = EventPayload<'send.progress'>;

interface SendState {
  environments: EnvironmentView[];
  request?: SendRequest;
  options: SendOptionsInput;
  /** The param a test send carries to label itself as a proof (shared/send/proof.ts). */
  proofParam: string;
  setProofParam(name: string): void;
  draft?: SendDraft;
  preparing: boolean;
  busy: boolean;
  /** The send whose resume call is running (its Resume button is disabled until the call ends). */
  resumingId?: string;
  error?: string;
  /** The send in progress or last finished (shown in the dialog, then under the campaign). */
  sendId?: string;
  progress?: Progress;
  detail?: SendDetail;
  historyOpen: boolean;
  environmentsOpen: boolean;
  interrupted: SendSummary[];
  loadEnvironments(): Promise<void>;
  /** Opens the preview for a campaign's data (the Send… button). */
  prepare(r: SendRequest): void;
  /** Plans and checks the open request again (after saving the campaign file, say). */
  recheck(): void;
  setEnvironment(id: string): void;
  setOptions(o: Partial<SendOptionsInput>): void;
  /** Opens the preview for re-sending some batches of an earlier send. */
  prepareResend(sendId: string, batches: number[]): Promise<void>;
  testSend(): Promise<void>;
  confirm(typed?: string, overrideReason?: string): Promise<void>;
  resume(sendId: string, recipients: number, typed?: string): Promise<void>;
  cancelSend(): Promise<void>;
  cancel(): void;
  show(sendId: string): Promise<void>;
  refreshInterrupted(): Promise<void>;
  openHistory(open: boolean): void;
  openEnvironments(open: boolean): void;
}

function optionsArg(o: SendOptionsInput): ChannelArgs<'send.prepare'>['options'] {
  const out: NonNullable<ChannelArgs<'send.prepare'>['options']> = {};
  if (o.time.trim()) out.time = o.time.trim();
  if (o.targetExistingOnly) out.targetExistingOnly = o.targetExistingOnly === 'yes';
  if (o.extra.trim()) {
    let extra: unknown;
    try {
      extra = JSON.parse(o.extra);
    } catch (e) {
      throw new Error(`extra properties are not JSON: ${(e as Error).message}`, { cause: e });
    }
    if (!extra || typeof extra !== 'object' || Array.isArray(extra)) throw new Error('extra properties must be a JSON object, e.g. {"payload_add": [{"key": "k", "value": "v"}]}');
    out.extra = extra as Record<string, unknown>;
  }
  return out;
}

const NO_OPTIONS: SendOptionsInput = { time: '', targetExistingOnly: '', extra: '' };

export const useSend = create<SendState>((set, get) => {
  const request = requester<SendState>(set);
  /** The progress listener, held only while a send is followed and removed once it has finished. */
  let unfollow: (() => void) | undefined;
  const stopFollowing = () => {
    unfollow?.();
    unfollow = undefined;
  };

  const replan = async () => {
    const r = get().request;
    if (!r) return;
    // The host holds the data (posted once, then edits): a new option or environment sends only the request.
    const draft = await request(
      () => {
        const options = optionsArg(get().options);
        return hostData.withRevision(r.campaignFile, r.data, (dataRevision) => call('send.prepare', { environmentId: r.environmentId, campaignFile: r.campaignFile, dataRevision, options }));
      },
      { busy: 'preparing', stale: () => get().request !== r },
    );
    if (get().request === r) set({ draft });
  };

  const onProgress = (p: Progress) => {
    if (p.sendId !== get().sendId) return;
    const d = get().detail;
    const batch = p.batch;
    if (d && batch) {
      const batches = d.batches.slice();
      batches[batch.index] = batch;
      set({ progress: p, detail: { ...d, batches, status: p.status ?? d.status, ...(p.batchCounts ? { batchCounts: p.batchCounts } : {}), ...(p.targetCounts ? { targetCounts: p.targetCounts } : {}) } });
    } else set({ progress: p });
    if (p.status && p.status !== 'running') void get().show(p.sendId);
  };

  const follow = (sendId: string) => {
    unfollow ??= api.on('send.progress', onProgress);
    // Running until the first status says otherwise, so the dialog stays open into the progress view.
    set({ sendId, progress: { sendId, done: 0, total: 0, status: 'running' }, detail: undefined });
    void get().show(sendId);
  };

  return {
    environments: [],
    options: NO_OPTIONS,
    proofParam: DEFAULT_PROOF_PARAM,
    setProofParam: (name) => set({ proofParam: name }),
    preparing: false,
    busy: false,
    historyOpen: false,
    environmentsOpen: false,
    interrupted: [],
    async loadEnvironments() {
      const environments = await request(() => call('environments.list', {}), { prefix: 'The environments could not be read' });
      if (environments) set({ environments });
      void get().refreshInterrupted();
    },
    prepare(r) {
      set({ request: r, draft: undefined, error: undefined, options: NO_OPTIONS });
      void replan();
    },
    recheck() {
      void replan();
    },
    // The preview on screen is the plan for what is chosen: another environment or option withdraws
    // it at once, so nothing can confirm the plan made before while the new one is being made.
    setEnvironment(id) {
      const r = get().request;
      if (r) set({ request: { ...r, environmentId: id }, draft: undefined });
      void replan();
    },
    setOptions(o) {
      set({ options: { ...get().options, ...o }, ...(get().request ? { draft: undefined } : {}) });
      void replan();
    },
    async prepareResend(sendId, batches) {
      set({ historyOpen: false });
      const draft = await request(() => call('send.prepareResend', { sendId, batches }), { busy: 'preparing' });
      if (draft) set({ draft, request: undefined });
    },
    async testSend() {
      const r = get().request;
      if (!r) return;
      const started = await request(
        async () => {
          const options = optionsArg(get().options);
          const draft = await hostData.withRevision(r.campaignFile, r.data, (dataRevision) => call('send.prepare', { environmentId: r.environmentId, campaignFile: r.campaignFile, dataRevision, kind: 'test', proofParam: get().proofParam, options }));
          return call('send.start', {
            draftId: draft.draftId,
            confirmation: { environmentId: draft.environment.id, campaignId: draft.campaignId, recipients: draft.recipients },
            ...(draft.blocking.length ? { overrideReason: 'test send to QA users' } : {}),
          });
        },
        { busy: 'busy' },
      );
      if (started) follow(started.sendId);
    },
    async confirm(typed, overrideReason) {
      const d = get().draft;
      // A preview planned for another environment than the one chosen is never sent.
      if (!d || (get().request && d.environment.id !== get().request!.environmentId)) return;
      const started = await request(
        () =>
          call('send.start', {
            draftId: d.draftId,
            confirmation: { environmentId: d.environment.id, campaignId: d.campaignId, recipients: d.recipients, ...(typed ? { typed } : {}) },
            ...(overrideReason ? { overrideReason } : {}),
          }),
        {
          busy: 'busy',
          // The host may have refused because its check changed since the preview: show the preview it would send now.
          recover: async () => {
            if (get().request) await replan();
          },
        },
      );
      if (!started) return;
      set({ draft: undefined, request: undefined });
      follow(started.sendId);
    },
    async resume(sendId, recipients, typed) {
      if (get().resumingId === sendId) return;
      set({ resumingId: sendId });
      try {
        await request(
          async () => {
            const s = await call('send.status', { sendId });
            await call('send.resume', { sendId, confirmation: { environmentId: s.environment.id, campaignId: s.campaignId, recipients, ...(typed ? { typed } : {}) } });
            follow(sendId);
            void get().refreshInterrupted();
          },
          {
            busy: 'busy',
            rethrow: true,
            // Resumed elsewhere (another window or tab): follow that run here instead of showing a failure.
            recover: (e) => {
              if (errorCode(e) !== 'already-running') return false;
              follow(sendId);
              return true;
            },
          },
        );
      } finally {
        set({ resumingId: undefined });
      }
    },
    async cancelSend() {
      const id = get().sendId;
      if (id) await request(() => call('send.cancel', { sendId: id }), { prefix: 'The send could not be cancelled' });
    },
    cancel() {
      set({ request: undefined, draft: undefined, error: undefined });
    },
    async show(sendId) {
      const detail = await request(() => call('send.status', { sendId }), { keepError: true });
      if (!detail || (get().sendId !== sendId && get().sendId !== undefined)) return;
      // A short send can end before its progress events are followed: the account says it is over.
      const p = get().progress;
      set({ detail, sendId, ...(p && p.sendId === sendId && detail.status !== 'running' ? { progress: { ...p, status: detail.status } } : {}) });
      if (detail.status !== 'running') stopFollowing();
    },
    async refreshInterrupted() {
      // The history is optional here; the History view reports its own errors.
      const interrupted = await request(() => call('send.history', { status: 'interrupted' }), { quiet: true });
      if (interrupted) set({ interrupted });
    },
    openHistory(open) {
      set({ historyOpen: open });
    },
    openEnvironments(open) {
      set({ environmentsOpen: open });
    },
  };
});
