/**
 * What must hold before a send starts, apart from the send check: the person's confirmation matches
 * the send (and, for production or possibly-twice recipients, the typed words), and re-sent batches
 * are ones that may be re-sent.
 */
import type { SendAccount } from '../../shared/send/journal';
import type { PlanEnvironment } from '../../shared/send/plan';
import { typeToConfirm } from './drafts';

export interface Confirmation {
  environmentId: string;
  campaignId: string;
  recipients: number;
  typed?: string;
}

/** Throws (nothing was sent) unless the confirmation names this send and, where needed, carries the typed words. */
export function checkConfirmation(p: { environment: PlanEnvironment; campaignId: string }, recipients: number, c: Confirmation, o: { skipTyping: boolean; mayReceiveTwice?: number }) {
  if (c.environmentId !== p.environment.id || c.campaignId !== p.campaignId || c.recipients !== recipients) throw new Error(`the confirmation does not match this send (it is ${recipients} recipients of campaign ${p.campaignId} in ${p.environment.name}); nothing was sent`);
  const words = typeToConfirm(p, o.mayReceiveTwice !== undefined);
  if (words && !o.skipTyping && !words.some((w) => w.trim().toLowerCase() === (c.typed ?? '').trim().toLowerCase()))
    throw new Error(
      o.mayReceiveTwice !== undefined
        ? `${o.mayReceiveTwice} of these recipients are in batches that ended unknown and may receive the message twice: type the campaign id (${p.campaignId}) or the environment name to confirm; nothing was sent`
        : `${p.environment.name} is production: type the campaign id (${p.campaignId}) or the environment name to confirm; nothing was sent`,
    );
}

/**
 * Throws unless every batch can be re-sent from this send: failed or unknown, and not re-sent already.
 * `journalExists` tells whether a re-send's journal was created.
 */
export function checkResendable(a: SendAccount, batches: number[], journalExists: (sendId: string) => boolean) {
  if (a.overlapping) throw new Error("this send's journal records two overlapping runs: Preflight does not re-send it (see the problems listed with it); nothing was sent");
  const bad = batches.filter((i) => !a.batches[i] || a.batches[i]!.state === 'acknowledged' || a.batches[i]!.state === 'never-sent' || a.batches[i]!.state === 'sending');
  if (bad.length) throw new Error(`only failed or unknown batches can be re-sent (batch ${bad.map((i) => i + 1).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not)`);
  // A re-send whose journal was never created sent nothing (its plan is durable before any request), so its batches stay open.
  const again = batches.filter((i) => a.batches[i]!.resentAs !== undefined && journalExists(a.batches[i]!.resentAs!));
  if (again.length) throw new Error(`batch ${again.map((i) => i + 1).join(', ')} ${again.length === 1 ? 'was' : 'were'} already re-sent (as send ${a.batches[again[0]!]!.resentAs}); re-send from that send instead; nothing was sent`);
}
