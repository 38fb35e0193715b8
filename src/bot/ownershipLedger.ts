import { Activity } from 'botbuilder-core';
import { Logger } from '../ops/logger';
import type { StateItem, StateStore } from '../storage/stateStore';
import { StorageUnavailableError } from '../storage/errors';

/** Who a card belongs to, as the ledger records it: the name is for telling others whose card it is. */
export interface CardOwner {
  readonly id: string;
  readonly name: string;
}

/** What the ledger keeps per card message: who it belongs to; no owner means a card for anyone. */
interface LedgerEntry extends StateItem {
  owner?: CardOwner;
}

/** Whose card a click came from, as far as the ledger knows: `unknown` when it has no record of that message. */
export type ClickedCard = { kind: 'owned'; owner: CardOwner } | { kind: 'shared' } | { kind: 'unknown' };

/** Where the ledger keeps its record of the card in `messageId` of the activity's conversation. */
export function ledgerKey(activity: Partial<Activity>, messageId: string): string {
  const channel = encodeURIComponent(activity.channelId ?? 'unknown');
  const conversation = encodeURIComponent(activity.conversation?.id ?? 'unknown');
  return `${channel}/conversations/${conversation}/cards/${encodeURIComponent(messageId)}`;
}

function judge(stored: unknown): ClickedCard {
  if (stored === undefined) return { kind: 'unknown' };
  const owner = (stored as LedgerEntry).owner;
  if (owner === undefined) return { kind: 'shared' };
  return typeof owner.id === 'string' && typeof owner.name === 'string' ? { kind: 'owned', owner: { id: owner.id, name: owner.name } } : { kind: 'unknown' };
}

/**
 * Who each card the bot posted belongs to, kept server-side by message id: the one source of truth
 * about ownership. A click's data can be edited by whoever clicks, so it never decides (the owner
 * stamp on an old card's buttons is ignored); the message the click came from (the channel's
 * `replyToId`) does, through its record here. A message with no record (swept with old state, or
 * its note failed) belongs to nobody provably, so its clicks are refused. Kept in the bot's storage, so restarts change nothing.
 */
export class OwnershipLedger {
  constructor(
    private readonly storage: StateStore,
    private readonly log: Logger,
  ) {}

  /** Notes the card just posted in `messageId`. The card is already out, so a failed note is logged, not thrown. */
  async notePosted(activity: Partial<Activity>, messageId: string, owner: CardOwner | undefined): Promise<void> {
    // One message has one owner for life, so the note is written unconditionally.
    const entry: LedgerEntry = owner ? { owner: { id: owner.id, name: owner.name } } : {};
    try {
      await this.storage.write({ [ledgerKey(activity, messageId)]: entry });
    } catch (error) {
      this.log.error({ err: error }, 'card ownership not recorded: clicks on that card will be refused');
    }
  }

  /** Whose card a click came from; a click that names no message is on a card the ledger cannot know. */
  async clickedCard(activity: Partial<Activity>): Promise<ClickedCard> {
    const messageId = activity.replyToId;
    if (!messageId) return { kind: 'unknown' };
    const key = ledgerKey(activity, messageId);
    try {
      return judge((await this.storage.read([key]))[key]);
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }
}
