/**
 * The send engine's front: drafts, starting and resuming sends, cancel, decisions on unknown
 * batches, and the history — all backed by the journals. A running send's live account is built
 * from the same records the journal receives, so the UI never shows something the file would not.
 *
 * Exactly once under concurrency: every state change takes the send's lock (send-locks.ts)
 * synchronously, before its first await, and holds it until the change is durable and, for start
 * and resume, until the run is registered as running. A second request meanwhile is refused with
 * SendBusyError (`already-running`); nothing is done for it.
 */
import type { SendData } from '../../shared/campaign/send-data';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { accountOf, applyJournalRecord, statusOf, type JournalRecord, type SendAccount } from '../../shared/send/journal';
import { bodyOf, dataOfBatches, type SendKind, type SendOptions } from '../../shared/send/plan';
import type { RetryConfig } from '../../shared/send/policy';
import { redacted, toCurl } from '../../shared/send/request';
import { detailOf, historyCsv, targetListCsv } from '../../shared/send/views';
import type { EnvironmentConfig } from '../../shared/environments';
import type { SecretStore } from '../secrets';
import type { EnvironmentStore } from '../environments/store';
import { checkConfirmation, checkResendable, type Confirmation } from './confirmation';
import { draftView, makeDraft, testSendData, type Draft } from './drafts';
import { historyOf, type HistoryFilter } from './history';
import { progressOf, type Running } from './running';
import { SendEnvironments } from './send-environment';
import { dataKey, readCheckSources, type CheckSources } from './send-check';
import { VerdictRunner } from './verdict-runner';
import type { SendVerdict } from '../../shared/pipeline/verdict';
import { runBatches } from './executor';
import { JournalStore, newSendId } from './journal-store';
import { JournalWriter } from './journal-writer';
import { RateLimiters } from './rate-limit';
import { SendBusyError, SendLocks } from './send-locks';
import { Agents } from './wire';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type { Confirmation } from './confirmation';
export type { HistoryFilter } from './history';

export interface SendManagerOptions {
  dataDir: string;
  /** The current workspace folder: the send check reads the saved campaign, settings and profiles there. */
  workspace: () => string;
  /** Runs the send check's evaluations (a worker thread for big sends). */
  verdicts?: VerdictRunner;
  environments: EnvironmentStore;
  secrets: SecretStore;
  /** The built-in sandbox: its URL, and registering the tokens of environments pointing at it. */
  sandbox: { url: string; allowToken(token: string, environmentId: string): void };
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  timeoutMs?: number;
  retry?: RetryConfig;
}

export class SendManager {
  readonly journals: JournalStore;
  private readonly drafts = new Map<string, Draft>();
  private readonly running = new Map<string, Running>();
  private readonly limiters = new RateLimiters();
  private readonly locks = new SendLocks();
  /** Connections for execute calls, kept alive between batches. */
  private readonly agents = new Agents();
  private readonly verdicts: VerdictRunner;
  /** Recent verdicts by the digest of everything they depend on (re-planning with new options re-uses them). */
  private readonly verdictCache = new Map<string, SendVerdict>();
  private readonly envs: SendEnvironments;

  constructor(private readonly o: SendManagerOptions) {
    this.journals = new JournalStore(join(o.dataDir, 'sends'));
    this.verdicts = o.verdicts ?? new VerdictRunner();
    this.envs = new SendEnvironments(o);
  }

  /**
   * The send verdict for data checked against these sources in this environment (shared/pipeline/),
   * from the cache when nothing it depends on changed. `data` is asked for only when it must run.
   */
  private async verdictFor(sources: CheckSources, config: EnvironmentConfig, dKey: string, data: () => SendData): Promise<SendVerdict> {
    const key = `${sources.key}|${config.legacyPersonalisation}|${dKey}`;
    const hit = this.verdictCache.get(key);
    if (hit) return hit;
    const verdict = await this.verdicts.run({ campaign: sources.campaign, source: sources.source, data: data(), profiles: sources.profiles, settings: sources.settings, legacyPersonalisation: config.legacyPersonalisation });
    this.verdictCache.set(key, verdict);
    while (this.verdictCache.size > 8) this.verdictCache.delete(this.verdictCache.keys().next().value!);
    return verdict;
  }

  private keepDraft(d: Draft) {
    this.drafts.set(d.plan.sendId, d);
    // Drafts are cheap to recreate: keep the last few only.
    while (this.drafts.size > 20) this.drafts.delete(this.drafts.keys().next().value!);
    return draftView(d);
  }

  /**
   * Plans a send or a test send for the preview, and checks it: the host reads the saved campaign
   * file, the settings and the profiles itself and computes the verdict of exactly the data it will
   * send (host/send/send-check.ts). Nothing the renderer says decides what blocks.
   */
  async prepare(a: { environmentId: string; campaignFile: string; data: SendData; kind?: 'send' | 'test'; options?: SendOptions; batchSize?: number; proofParam?: string }) {
    const { config, env } = this.envs.get(a.environmentId);
    const sources = await readCheckSources(this.o.workspace(), a.campaignFile);
    let data = a.data;
    let note: string | undefined;
    if (a.kind === 'test') {
      if (config.qaUsers.length === 0) throw new Error(`no QA users are saved for "${config.name}": add them under Environments first`);
      ({ data, note } = testSendData(a.data, config.qaUsers, a.proofParam));
    }
    const kind: SendKind = a.kind ?? 'send';
    const draft = makeDraft({ sendId: newSendId(), kind, environment: env, config, campaignId: sources.campaign.id, data, batchSize: a.batchSize ?? config.batchSize, options: a.options ?? {}, blocking: [], note });
    const dKey = dataKey(data);
    const verdict = await this.verdictFor(sources, config, dKey, () => data);
    draft.verdict = verdict;
    draft.blocking = verdict.blocked ? verdict.reasons : [];
    draft.check = { campaignFile: sources.campaignFile, sourcesKey: sources.key, dataKey: dKey, hasSettings: sources.hasSettings, profileFiles: sources.profileFiles };
    return this.keepDraft(draft);
  }

  /**
   * The verdict again, just before the first request: the sources are read anew, and when any of
   * them (or the environment's settings) changed since the preview the pipeline runs again on the
   * draft's own batches. A verdict that changed refuses the start, so nobody confirms what they did
   * not see; the draft keeps the new verdict.
   */
  private async recheck(d: Draft): Promise<void> {
    if (!d.check || !d.verdict) return;
    const sources = await readCheckSources(this.o.workspace(), d.check.campaignFile);
    if (sources.campaign.id !== d.plan.campaignId) throw new Error(`the saved ${d.check.campaignFile} now has campaign id "${sources.campaign.id}", but this send was planned for "${d.plan.campaignId}": prepare the send again; nothing was sent`);
    const { config } = this.envs.get(d.plan.environment.id);
    const verdict = await this.verdictFor(sources, config, d.check.dataKey, () =>
      dataOfBatches(
        d.plan,
        d.plan.batches.map((b) => b.i),
      ),
    );
    if (verdict.blocked === d.verdict.blocked && JSON.stringify(verdict.reasons) === JSON.stringify(d.verdict.reasons)) return;
    d.verdict = verdict;
    d.blocking = verdict.blocked ? verdict.reasons : [];
    d.check = { ...d.check, sourcesKey: sources.key };
    throw new Error(
      `the send check changed since the preview (the saved campaign, the settings, the profiles or the environment changed): it now ${verdict.blocked ? `has ${verdict.reasons.length} blocking reason${verdict.reasons.length === 1 ? '' : 's'}` : 'blocks nothing'}; look at the preview again; nothing was sent`,
    );
  }

  /**
   * Plans a re-send of some failed or unknown batches of an earlier send (to the same environment,
   * with the same options). Unknown batches may have reached the platform: the draft says how many
   * users may receive the message twice, and starting it needs the typed confirmation.
   */
  prepareResend(sendId: string, batches: number[]) {
    const a = this.account(sendId);
    if (this.running.has(sendId)) throw new SendBusyError('this send is still running; wait for it to finish');
    const chosen = [...new Set(batches)].sort((x, y) => x - y);
    checkResendable(a, chosen, (id) => existsSync(this.journals.pathOf(id)));
    const unknown = chosen.filter((i) => a.batches[i]!.state === 'unknown');
    const { config, env } = this.envs.get(a.plan.environment.id);
    const draft = makeDraft({ sendId: newSendId(), kind: 'resend', parentSendId: sendId, environment: env, config, campaignId: a.plan.campaignId, data: dataOfBatches(a.plan, chosen), batchSize: a.plan.batchSize, options: a.plan.options, blocking: a.plan.override?.errors ?? [] });
    draft.resendOf = chosen;
    if (unknown.length) draft.mayReceiveTwice = { batches: unknown, recipients: unknown.reduce((n, i) => n + a.plan.batches[i]!.targets.length, 0) };
    return this.keepDraft(draft);
  }

  body(draftId: string, index: number) {
    const d = this.drafts.get(draftId);
    if (!d) throw new Error('this preview has expired: prepare the send again');
    const body = bodyOf(d.plan, index);
    return { body: redacted(body), curl: toCurl(d.plan.environment.baseUrl, body) };
  }

  /** Starts a confirmed draft, once: the plan is durable before the first request. */
  async start(draftId: string, confirmation: Confirmation, overrideReason?: string): Promise<string> {
    const d = this.drafts.get(draftId);
    if (!d) {
      if (this.running.has(draftId) || this.locks.holder(draftId) || this.hasJournal(draftId)) throw new SendBusyError('this send was already started (a second click, or another window or tab); it was not started again');
      throw new Error('this preview has expired: prepare the send again; nothing was sent');
    }
    const parentId = d.plan.parentSendId;
    // Synchronously, before any await: a second start of this draft, or a change of its parent send, is refused from here on.
    const release = this.locks.take(parentId ? [draftId, parentId] : [draftId], 'starting');
    try {
      checkConfirmation(d.plan, d.plan.recipients, confirmation, { skipTyping: d.plan.kind === 'test', mayReceiveTwice: d.mayReceiveTwice?.recipients });
      await this.recheck(d);
      const reason = overrideReason?.trim();
      if (d.blocking.length > 0 && !reason) throw new Error(`the send has ${d.blocking.length} blocking error${d.blocking.length === 1 ? '' : 's'}: state a reason to send anyway; nothing was sent`);
      if (parentId) {
        if (this.running.has(parentId)) throw new SendBusyError(`send ${parentId} is running: re-send its batches once it has finished; nothing was sent`);
        checkResendable(this.account(parentId), d.resendOf ?? [], (id) => existsSync(this.journals.pathOf(id)));
      }
      await this.envs.checkCredentials(d.config, d.plan.environment.baseUrl);
      const plan = d.plan;
      this.drafts.delete(draftId);
      // The parent records the re-send before the re-send exists, so its batches can never be re-sent twice.
      if (parentId) await this.appendTo(parentId, { t: 'resend', at: new Date().toISOString(), batches: d.resendOf ?? [], sendId: plan.sendId });
      const confirmRecord: JournalRecord = {
        t: 'confirm',
        at: new Date().toISOString(),
        recipients: confirmation.recipients,
        ...(confirmation.typed ? { typed: confirmation.typed } : {}),
        ...(d.blocking.length > 0 ? { override: { reason: reason!, errors: d.blocking } } : {}),
        ...(d.mayReceiveTwice ? { mayReceiveTwice: d.mayReceiveTwice.recipients } : {}),
      };
      const writer = await JournalWriter.create(this.journals.pathOf(plan.sendId), d.planLine, confirmRecord);
      const account = accountOf(plan);
      applyJournalRecord(account, confirmRecord, 0);
      this.run(
        account,
        writer,
        plan.batches.map((b) => b.i),
        d.config,
      );
      return plan.sendId;
    } finally {
      release();
    }
  }

  private hasJournal(sendId: string): boolean {
    try {
      return existsSync(this.journals.pathOf(sendId));
    } catch {
      return false;
    }
  }

  /** Appends one record to a send that is not running, durably. */
  private async appendTo(sendId: string, rec: JournalRecord) {
    const w = await JournalWriter.reopen(this.journals.pathOf(sendId));
    await w.append(rec).finally(() => w.close());
  }

  /** Sends only the never-sent batches of an interrupted or cancelled send. */
  async resume(sendId: string, confirmation: Confirmation): Promise<string> {
    if (this.running.has(sendId)) throw new SendBusyError('this send is already running; it was not resumed again');
    // Synchronously, before any await: a second resume (or any other change of this send) is refused from here on.
    const release = this.locks.take([sendId], 'resuming');
    try {
      const a = this.account(sendId);
      if (a.overlapping) throw new Error("this send's journal records two overlapping runs: Preflight does not resume it (see the problems listed with it); nothing was sent");
      const status = statusOf(a, false);
      const todo = a.batches.filter((b) => b.state === 'never-sent').map((b) => b.index);
      if (todo.length === 0) throw new Error('every batch of this send was already attempted: nothing is left to resume (re-send failed or unknown batches explicitly)');
      if (status === 'completed') throw new Error('this send completed; only its failed or unknown batches can be re-sent');
      const recipients = todo.reduce((n, i) => n + a.plan.batches[i]!.targets.length, 0);
      checkConfirmation(a.plan, recipients, confirmation, { skipTyping: a.plan.kind === 'test' });
      const { config, env } = this.envs.get(a.plan.environment.id);
      // The sandbox listens on a new port each run; a real environment must still point where the send was planned.
      if (config.region === 'sandbox') a.plan.environment = { ...a.plan.environment, baseUrl: env.baseUrl };
      else if (env.baseUrl !== a.plan.environment.baseUrl) throw new Error(`${env.name} now points at ${env.baseUrl}, but this send was planned for ${a.plan.environment.baseUrl}; nothing was sent`);
      await this.envs.checkCredentials(config, a.plan.environment.baseUrl);
      const writer = await JournalWriter.reopen(this.journals.pathOf(sendId));
      // Requests in flight when the app stopped are written down as unknown, so the journal alone tells the story.
      for (const b of a.batches.filter((x) => x.interrupted)) await writer.append({ t: 'result', at: new Date().toISOString(), i: b.index, state: 'unknown', http: null, response: null, durationMs: 0, attempts: b.attempts, reason: b.reason ?? 'in flight when the app stopped' });
      // Not running here and holding the lock: an earlier run without an end record stopped with the app.
      const resume: JournalRecord = { t: 'resume', at: new Date().toISOString(), batches: todo, baseUrl: a.plan.environment.baseUrl, ...(a.runOpen ? { recovered: true } : {}) };
      await writer.append(resume);
      applyJournalRecord(a, resume, 0);
      this.run(a, writer, todo, config);
      return sendId;
    } finally {
      release();
    }
  }

  private run(account: SendAccount, writer: JournalWriter, indexes: number[], config: EnvironmentConfig) {
    const plan = account.plan;
    const r: Running = { account, writer, cancel: false, done: Promise.resolve(), startedAt: performance.now(), toSend: indexes.length, finished: 0 };
    this.running.set(plan.sendId, r);
    r.done = runBatches({
      plan,
      indexes,
      journal: writer,
      credentials: () => this.envs.credentials(config),
      limiter: this.limiters.for(config.id, config.ratePerSecond),
      concurrency: config.concurrency,
      timeoutMs: this.o.timeoutMs,
      retry: this.o.retry,
      agents: this.agents,
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

  /**
   * Stops starting new batches; in-flight ones finish and are recorded. The cancel flag is set
   * synchronously (a second cancel finds it set); a send still being started or resumed is busy.
   */
  async cancel(sendId: string): Promise<boolean> {
    const r = this.running.get(sendId);
    if (!r) {
      const by = this.locks.holder(sendId);
      if (by) throw new SendBusyError(`this send is ${by}: cancel it once it runs`);
      return false;
    }
    if (r.cancel) return false;
    r.cancel = true;
    const rec: JournalRecord = { t: 'cancel', at: new Date().toISOString() };
    await r.writer.append(rec);
    applyJournalRecord(r.account, rec, 0);
    return true;
  }

  /** Closes idle connections (the app is stopping). */
  close() {
    this.agents.close();
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
    const release = this.locks.take([sendId], 'recording a skip');
    try {
      const a = this.account(sendId);
      const bad = batches.filter((i) => a.batches[i]?.state !== 'unknown');
      if (bad.length) throw new Error(`only unknown batches can be skipped (batch ${bad.map((i) => i + 1).join(', ')} is not unknown)`);
      const rec: JournalRecord = { t: 'skip', at: new Date().toISOString(), batches, reason };
      const r = this.running.get(sendId);
      if (r) {
        await r.writer.append(rec);
        applyJournalRecord(r.account, rec, 0);
      } else await this.appendTo(sendId, rec);
      return this.status(sendId);
    } finally {
      release();
    }
  }

  history(f: HistoryFilter = {}) {
    return historyOf(
      this.journals.ids(),
      (id) => this.account(id),
      (id) => this.running.has(id),
      f,
    );
  }

  /** Emits the progress of a send (after each of its records, and once when it stops). */
  private progress(r: Running, batch?: SendAccount['batches'][number]) {
    this.o.emit?.('send.progress', progressOf(r, this.running.has(r.account.plan.sendId), batch));
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
