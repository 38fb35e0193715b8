import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isOwnedCard } from '../../core/cards/render';
import { View } from '../../core/views';
import { isETagConflict } from '../../storage/errors';
import type { StateStore } from '../../storage/stateStore';
import { cardListsOf, ConversationRecord, listCard, PendingReply, readRecord } from '../conversation';

/** A reply this turn sends: the record at `key` names it pending, under `claim`, until it is confirmed. */
export interface ClaimedReply {
  readonly key: string;
  readonly activity: string;
  readonly claim: string;
  readonly claimedAt: number;
  readonly view: View;
  /** The record as saved with this reply pending, and the eTag it got: confirming then needs no read. */
  readonly saved?: { readonly record: ConversationRecord; readonly eTag: string };
}

/** The reply once the record naming it pending was saved and got `eTag` (when the store tells it). */
export function savedWith(reply: ClaimedReply, saved: ConversationRecord, eTag: string | undefined): ClaimedReply {
  const { eTag: _previous, ...record } = saved;
  return eTag ? { ...reply, saved: { record, eTag } } : reply;
}

/** The record once `reply` went out in message `cardMessage`: nothing pending, and the card listed as the analyst's own or as for anyone. */
function confirmedRecord(record: ConversationRecord, reply: ClaimedReply, cardMessage: string | undefined): ConversationRecord {
  const { pending: _sent, cards, sharedCards, ...rest } = record;
  const lists = { cards, sharedCards };
  return { ...rest, ...(cardMessage ? listCard(lists, cardMessage, isOwnedCard(reply.view)) : cardListsOf(lists)) };
}

/** Confirming races only this analyst's own later turns; a few attempts are plenty. */
const CONFIRM_ATTEMPTS = 4;
/**
 * How long a claim stands: one connector call's timeout (5 s) is the longest a live sender takes to
 * post; a claim older than that was made by a process that died. A re-delivery that finds a younger
 * claim waits, within its turn's deadline, to see the reply confirmed or the claim left to expire.
 */
const CLAIM_LEASE_MS = 5_500;
const LOOK_AGAIN_MS = 200;

const idOf = (key: string, activity: string): string => `${key}\u0000${activity}`;

export const pendingOf = (reply: ClaimedReply): PendingReply => ({ activity: reply.activity, view: reply.view, claim: reply.claim, claimedAt: reply.claimedAt });

/**
 * Replies that go through the Bot Connector, saved with the state they answer and confirmed once the
 * connector took them. A crash in between leaves the reply pending; Teams re-delivers the activity
 * and that delivery sends it. Exactly one delivery sends it: a delivery must change the claim under
 * the record's eTag first, so of two at once only one wins; a reply this process is still sending,
 * or that another claimed less than CLAIM_LEASE_MS ago, is never claimed from under its sender.
 */
export class PendingReplies {
  /** Replies this process is sending now. */
  private readonly sending = new Set<string>();

  constructor(
    private readonly storage: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new reply, claimed by this turn: save `pendingOf(it)` with the turn's state, then `send` it (or `drop` it if saving failed). */
  begin(key: string, activity: string, view: View): ClaimedReply {
    const reply = { key, activity, view, claim: randomUUID(), claimedAt: this.now() };
    this.sending.add(idOf(key, activity));
    return reply;
  }

  drop(reply: ClaimedReply): void {
    this.sending.delete(idOf(reply.key, reply.activity));
  }

  /**
   * For a re-delivered activity: its reply, claimed for this turn, if it was never confirmed and no
   * one else is sending it; undefined otherwise. Storage errors other than a lost race are thrown.
   */
  async claimUnsent(key: string, activity: string, stored: ConversationRecord): Promise<ClaimedReply | undefined> {
    let record = stored;
    for (;;) {
      const pending = record.pending;
      if (pending?.activity !== activity || this.sending.has(idOf(key, activity))) return undefined;
      const leftMs = pending.claimedAt + CLAIM_LEASE_MS - this.now();
      if (leftMs <= 0) return this.claim(key, activity, record, pending.view);
      await sleep(Math.min(leftMs, LOOK_AGAIN_MS));
      record = readRecord((await this.storage.read([key]))[key]).record;
    }
  }

  private async claim(key: string, activity: string, record: ConversationRecord, view: View): Promise<ClaimedReply | undefined> {
    const reply = this.begin(key, activity, view);
    const claimed = { ...record, pending: pendingOf(reply) };
    try {
      const eTags = await this.storage.write({ [key]: claimed });
      return savedWith(reply, claimed, eTags[key]);
    } catch (error) {
      this.drop(reply);
      // Someone wrote first: another delivery claimed it, it was confirmed, or the analyst moved on.
      if (isETagConflict(error)) return undefined;
      throw error;
    }
  }

  /**
   * Sends the reply through `deliver` (which resolves with the message the card is in); once that
   * succeeds, the record stops naming it pending and lists its card. Resolves false when the reply went
   * out but that could not be recorded (a re-delivery would repeat it, and clicks on its card are refused).
   */
  async send(reply: ClaimedReply, deliver: () => Promise<string | undefined>): Promise<boolean> {
    try {
      const cardMessage = await deliver();
      return await this.confirm(reply, cardMessage);
    } finally {
      this.drop(reply);
    }
  }

  private async confirm(reply: ClaimedReply, cardMessage: string | undefined): Promise<boolean> {
    const { saved } = reply;
    // Most often nothing was written since this reply was saved: one conditional write, no read.
    if (saved) {
      try {
        await this.storage.write({ [reply.key]: { ...confirmedRecord(saved.record, reply, cardMessage), eTag: saved.eTag } });
        return true;
      } catch (error) {
        if (!isETagConflict(error)) return false;
      }
    }
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
      try {
        const { record } = readRecord((await this.storage.read([reply.key]))[reply.key]);
        // Another claim or a later turn replaced it: nothing of this reply is left to confirm.
        if (record.pending?.claim !== reply.claim) return true;
        await this.storage.write({ [reply.key]: confirmedRecord(record, reply, cardMessage) });
        return true;
      } catch (error) {
        if (!isETagConflict(error)) return false;
      }
    }
    return false;
  }
}
