/**
 * The send engine's front: drafts, starting and resuming sends, cancel, decisions on unknown
 * batches, and the history — all backed by the journals. A running send's live account is built
 * from the same records the journal receives, so the UI never shows something the file would not.
 */
import type { SendData } from '../../shared/campaign/send-data';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { accountOf, applyJournalRecord, countBatches, countTargets, statusOf, type JournalRecord, type SendAccount } from '../../shared/send/journal';
import { bodyOf, dataOfBatches, type PlanEnvironment, type SendKind, type SendOptions } from '../../shared/send/plan';
import type { RetryConfig } from '../../shared/send/policy';
import { redacted, toCurl } from '../../shared/send/request';
import { detailOf, historyCsv, needsAttention, summaryOf, targetListCsv } from '../../shared/send/views';
import type { EnvironmentConfig } from '../../shared/environments';
import { credentialsFor } from '../platform/auth';
import { checkDestination } from '../platform/destination';
import { executeUrl } from './attempt';
import type { SecretStore } from '../secrets';
import { resolveBaseUrl, type EnvironmentStore } from '../environments/store';
import { draftView, makeDraft, testSendData, typeToConfirm, type Draft } from './drafts';
import { runBatches } from './executor';
import { JournalStore, newSendId } from './journal-store';
import { JournalWriter } from './journal-writer';
import { RateLimiters } from './rate-limit';
import { join } from 'node:path';

export interface SendManagerOptions {
  dataDir: string;
  environments: EnvironmentStore;
  secrets: SecretStore;
  /** The built-in sandbox: its URL, and registering the tokens of environments pointing at it. */
  sandbox: { url: string; allowToken(token: string, environmentId: string): void };
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  timeoutMs?: number;
  retry?: RetryConfig;
}

export interface Confirmation {
  environmentId: string;
  campaignId: string;
  recipients: number;
  typed?: string;
}

export interface HistoryFilter {
  environmentId?: string;
  campaignId?: string;
  status?: 'running' | 'completed' | 'cancelled' | 'interrupted' | 'needs-attention';
}

interface Running {
  account: SendAccount;
  writer: JournalWriter;
  cancel: boolean;
  done: Promise<void>;
  startedAt: number;
  toSend: number;
  finished: number;
  error?: string;
}

export class SendManager {
  readonly journals: JournalStore;
  private readonly drafts = new Map<string, Draft>();
  private readonly running = new Map<string, Running>();
  private readonly limiters = new RateLimiters();

  constructor(private readonly o: SendManagerOptions) {
    this.journals = new JournalStore(join(o.dataDir, 'sends'));
  }

  private environment(id: string): { config: EnvironmentConfig; env: PlanEnvironment } {
    const config = this.o.environments.get(id);
    if (!config) throw new Error(`unknown environment "${id}"; nothing was sent`);
    return { config, env: { id: config.id, name: config.name, baseUrl: resolveBaseUrl(config, this.o.sandbox.url), production: config.production } };
  }

  /** What credentialsFor needs: the settings with the base URL resolved (OAuth fetches its token there). */
  private authEnvironment(config: EnvironmentConfig): EnvironmentConfig {
    return { ...config, baseUrl: resolveBaseUrl(config, this.o.sandbox.url) };
  }

  /**
   * Resolves credentials once up front (a clear error before any plan is written): they must exist
   * for the environment's current destination, and the plan must go there. Registers sandbox tokens.
   */
  private async checkCredentials(config: EnvironmentConfig, planBaseUrl: string) {
    const auth = await credentialsFor(this.authEnvironment(config), this.o.secrets)
      .then((a) => {
        checkDestination(a, executeUrl(planBaseUrl));
        return a;
      })
      .catch((e: Error) => {
        throw new Error(`${e.message}; nothing was sent`);
      });
    if (config.region === 'sandbox' && auth.bodyFields.apptoken) this.o.sandbox.allowToken(auth.bodyFields.apptoken, config.id);
  }

  private keepDraft(d: Draft) {
    this.drafts.set(d.plan.sendId, d);
    // Drafts are cheap to recreate: keep the last few only.
    while (this.drafts.size > 20) this.drafts.delete(this.drafts.keys().next().value!);
    return draftView(d);
  }

  /** Plans a send or a test send for the preview. */
  prepare(a: { environmentId: string; campaignId: string; data: SendData; kind?: 'send' | 'test'; options?: SendOptions; batchSize?: number; blocking?: string[] }) {
    const { config, env } = this.environment(a.environmentId);
    let data = a.data;
    let note: string | undefined;
    if (a.kind === 'test') {
      if (config.qaUsers.length === 0) throw new Error(`no QA users are saved for "${config.name}": add them under Environments first`);
      ({ data, note } = testSendData(a.data, config.qaUsers));
    }
    const kind: SendKind = a.kind ?? 'send';
    return this.keepDraft(makeDraft({ sendId: newSendId(), kind, environment: env, config, campaignId: a.campaignId, data, batchSize: a.batchSize ?? config.batchSize, options: a.options ?? {}, blocking: a.blocking ?? [], note }));
  }

  /** Plans a re-send of some batches of an earlier send (to the same environment, with the same options). */
  prepareResend(sendId: string, batches: number[]) {
    const a = this.account(sendId);
    if (this.running.has(sendId)) throw new Error('this send is still running; wait for it to finish');
    const bad = batches.filter((i) => !a.batches[i] || a.batches[i]!.state === 'acknowledged' || a.batches[i]!.state === 'never-sent');
    if (bad.length) throw new Error(`only failed or unknown batches can be re-sent (batch ${bad.map((i) => i + 1).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not)`);
    const { config, env } = this.environment(a.plan.environment.id);
    return this.keepDraft(
      makeDraft({ sendId: newSendId(), kind: 'resend', parentSendId: sendId, environment: env, config, campaignId: a.plan.campaignId, data: dataOfBatches(a.plan, batches), batchSize: a.plan.batchSize, options: a.plan.options, blocking: a.plan.override?.errors ?? [] }),
    );
  }

  body(draftId: string, index: number) {
    const d = this.drafts.get(draftId);
    if (!d) throw new Error('this preview has expired: prepare the send again');
    const body = bodyOf(d.plan, index);
    return { body: redacted(body), curl: toCurl(d.plan.environment.baseUrl, body) };
  }

  private checkConfirmation(p: { environment: PlanEnvironment; campaignId: string }, recipients: number, c: Confirmation, skipTyping: boolean) {
    if (c.environmentId !== p.environment.id || c.campaignId !== p.campaignId || c.recipients !== recipients)
      throw new Error(`the confirmation does not match this send (it is ${recipients} recipients of campaign ${p.campaignId} in ${p.environment.name}); nothing was sent`);
    const words = typeToConfirm({ environment: p.environment, campaignId: p.campaignId } as never);
    if (words && !skipTyping && !words.some((w) => w.trim().toLowerCase() === (c.typed ?? '').trim().toLowerCase()))
      throw new Error(`${p.environment.name} is production: type the campaign id (${p.campaignId}) or the environment name to confirm; nothing was sent`);
  }

  /** Starts a confirmed draft: the plan is durable before the first request. */
  async start(draftId: string, confirmation: Confirmation, overrideReason?: string): Promise<string> {
    const d = this.drafts.get(draftId);
    if (!d) throw new Error('this preview has expired: prepare the send again; nothing was sent');
    this.checkConfirmation(d.plan, d.plan.recipients, confirmation, d.plan.kind === 'test');
    const reason = overrideReason?.trim();
    if (d.blocking.length > 0 && !reason) throw new Error(`the send has ${d.blocking.length} blocking error${d.blocking.length === 1 ? '' : 's'}: state a reason to send anyway; nothing was sent`);
    await this.checkCredentials(d.config, d.plan.environment.baseUrl);
    const plan = d.plan;
    this.drafts.delete(draftId);
    const confirmRecord: JournalRecord = {
      t: 'confirm',
      at: new Date().toISOString(),
      recipients: confirmation.recipients,
      ...(confirmation.typed ? { typed: confirmation.typed } : {}),
      ...(d.blocking.length > 0 ? { override: { reason: reason!, errors: d.blocking } } : {}),
    };
    const writer = await JournalWriter.create(this.journals.pathOf(plan.sendId), d.planLine, confirmRecord);
    const account = accountOf(plan);
    applyJournalRecord(account, confirmRecord, 0);
    this.run(account, writer, plan.batches.map((b) => b.i), d.config);
    return plan.sendId;
  }

  /** Sends only the never-sent batches of an interrupted or cancelled send. */
  async resume(sendId: string, confirmation: Confirmation): Promise<string> {
    if (this.running.has(sendId)) throw new Error('this send is still running');
    const a = this.account(sendId);
    const status = statusOf(a, false);
    const todo = a.batches.filter((b) => b.state === 'never-sent').map((b) => b.index);
    if (todo.length === 0) throw new Error('every batch of this send was already attempted: nothing is left to resume (re-send failed or unknown batches explicitly)');
    if (status === 'completed') throw new Error('this send completed; only its failed or unknown batches can be re-sent');
    const recipients = todo.reduce((n, i) => n + a.plan.batches[i]!.targets.length, 0);
    this.checkConfirmation(a.plan, recipients, confirmation, a.plan.kind === 'test');
    const { config, env } = this.environment(a.plan.environment.id);
    // The sandbox listens on a new port each run; a real environment must still point where the send was planned.
    if (config.region === 'sandbox') a.plan.environment = { ...a.plan.environment, baseUrl: env.baseUrl };
    else if (env.baseUrl !== a.plan.environment.baseUrl)
      throw new Error(`${env.name} now points at ${env.baseUrl}, but this send was planned for ${a.plan.environment.baseUrl}; nothing was sent`);
    await this.checkCredentials(config, a.plan.environment.baseUrl);
    const writer = await JournalWriter.reopen(this.journals.pathOf(sendId));
    // Requests in flight when the app stopped are written down as unknown, so the journal alone tells the story.
    for (const b of a.batches.filter((x) => x.interrupted))
      await writer.append({ t: 'result', at: new Date().toISOString(), i: b.index, state: 'unknown', http: null, response: null, durationMs: 0, attempts: b.attempts, reason: b.reason ?? 'in flight when the app stopped' });
    const resume: JournalRecord = { t: 'resume', at: new Date().toISOString(), batches: todo, baseUrl: a.plan.environment.baseUrl };
    await writer.append(resume);
    applyJournalRecord(a, resume, 0);
    this.run(a, writer, todo, config);
    return sendId;
  }

  private run(account: SendAccount, writer: JournalWriter, indexes: number[], config: EnvironmentConfig) {
    const plan = account.plan;
    const r: Running = { account, writer, cancel: false, done: Promise.resolve(), startedAt: performance.now(), toSend: indexes.length, finished: 0 };
    this.running.set(plan.sendId, r);
    r.done = runBatches({
      plan,
      indexes,
      journal: writer,
      credentials: () => credentialsFor(this.authEnvironment(config), this.o.secrets),
      limiter: this.limiters.for(config.id, config.ratePerSecond),
      concurrency: config.concurrency,
      timeoutMs: this.o.timeoutMs,
      retry: this.o.retry,
      isCancelled: () => r.cancel,
      onRecord: (rec) => {
        applyJournalRecord(account, rec, 0);
        if (rec.t === 'result') r.finished++;
        if (rec.t === 'sending' || rec.t === 'result' || rec.t === 'retry') this.progress(r, account.batches[rec.i]);
      },
    }).then(async (out) => {
      r.error = out.journalError;
      if (r.error) account.problems.push(r.error);
      await writer.close().catch(() => undefined);
      this.running.delete(plan.sendId);
      this.progress(r);
    });
  }

  private progress(r: Running, batch?: SendAccount['batches'][number]) {
    const a = r.account;
    const live = this.running.has(a.plan.sendId);
    const elapsed = performance.now() - r.startedAt;
    const etaMs = live && r.finished > 0 ? Math.round((elapsed / r.finished) * (r.toSend - r.finished)) : live ? null : 0;
    const bc = countBatches(a.batches);
    this.o.emit?.('send.progress', {
      sendId: a.plan.sendId,
      done: bc.acknowledged + bc.failed + bc.unknown,
      total: a.batches.length,
      status: statusOf(a, live),
      batchCounts: bc,
      targetCounts: countTargets(a.batches),
      etaMs,
      ...(batch ? { batch: { ...batch } } : {}),
    });
  }

  /** Stops starting new batches; in-flight ones finish and are recorded. */
  async cancel(sendId: string): Promise<boolean> {
    const r = this.running.get(sendId);
    if (!r || r.cancel) return false;
    r.cancel = true;
    const rec: JournalRecord = { t: 'cancel', at: new Date().toISOString() };
    await r.writer.append(rec);
    applyJournalRecord(r.account, rec, 0);
    return true;
  }

  /** Resolves when a running send has finished (immediately for others). */
  async waitFor(sendId: string): Promise<void> {
    await this.running.get(sendId)?.done;
  }

  /** The account of a send: live while it runs, replayed from its journal otherwise. */
  account(sendId: string): SendAccount {
    const r = this.running.get(sendId);
    if (r) return r.account;
    const { account, problems } = this.journals.read(sendId);
    if (!account) throw new Error(`send ${sendId} cannot be shown: ${problems.join('; ')}`);
    return account;
  }

  status(sendId: string) {
    return detailOf(this.account(sendId), this.running.has(sendId));
  }

  /** Records the person's decision to leave unknown batches alone. */
  async skip(sendId: string, batches: number[], reason: string) {
    const a = this.account(sendId);
    const bad = batches.filter((i) => a.batches[i]?.state !== 'unknown');
    if (bad.length) throw new Error(`only unknown batches can be skipped (batch ${bad.map((i) => i + 1).join(', ')} is not unknown)`);
    const rec: JournalRecord = { t: 'skip', at: new Date().toISOString(), batches, reason };
    const r = this.running.get(sendId);
    if (r) await r.writer.append(rec);
    else {
      const w = await JournalWriter.reopen(this.journals.pathOf(sendId));
      await w.append(rec).finally(() => w.close());
    }
    return this.status(sendId);
  }

  history(f: HistoryFilter = {}) {
    const out: ReturnType<typeof summaryOf>[] = [];
    for (const id of this.journals.ids()) {
      let a: SendAccount;
      try {
        a = this.account(id);
      } catch {
        continue; // A journal with no readable plan made no request; it has nothing to show.
      }
      const s = summaryOf(a, this.running.has(id));
      if (f.environmentId && s.environment.id !== f.environmentId) continue;
      if (f.campaignId && !s.campaignId.toLowerCase().includes(f.campaignId.toLowerCase())) continue;
      if (f.status === 'needs-attention' ? !needsAttention(s, a) : f.status && s.status !== f.status) continue;
      out.push(s);
    }
    return out;
  }

  historyCsv(f: HistoryFilter = {}) {
    return historyCsv(this.history(f));
  }

  batchTargets(sendId: string, index: number): string[] {
    const b = this.account(sendId).plan.batches[index];
    if (!b) throw new Error(`send ${sendId} has no batch ${index + 1}`);
    return b.targets.slice();
  }

  exportTargets(sendId: string, batches: number[]) {
    return targetListCsv(this.account(sendId).plan, batches);
  }
}
