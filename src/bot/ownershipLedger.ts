import { Activity, Storage, StoreItem } from 'botbuilder-core';
import { CardOwner } from '../core/cardActions';
import { StorageUnavailableError } from './flowRunner';

/** What the ledger keeps per card message: who it belongs to; no owner means a card for anyone. */
interface LedgerEntry extends StoreItem {
  owner?: CardOwner;
}

function entryKey(activity: Partial<Activity>, messageId: string): string {
  const channel = encodeURIComponent(activity.channelId ?? 'unknown');
  const conversation = encodeURIComponent(activity.conversation?.id ?? 'unknown');
  return `${channel}/conversations/${conversation}/cards/${encodeURIComponent(messageId)}`;
}

function ownerOf(stored: unknown): CardOwner | undefined {
  const owner = (stored as LedgerEntry | undefined)?.owner;
  return owner && typeof owner.id === 'string' && typeof owner.name === 'string' ? { id: owner.id, name: owner.name } : undefined;
}

/**
 * Who each card the bot posted belongs to, kept server-side by message id. A click's data can be
 * edited by whoever clicks, so the owner stamp on a button cannot decide whose card it is; the
 * message the click came from (the channel's `replyToId`) can, once the ledger knows that message.
 * Kept in the bot's storage, so cards posted before a restart are judged the same way after it.
 */
export class OwnershipLedger {
  constructor(private readonly storage: Storage) {}

  /** Notes the card just posted in `messageId`; a failed note only costs that card the ledger's protection. */
  async notePosted(activity: Partial<Activity>, messageId: string, owner: CardOwner | undefined): Promise<void> {
    // One message has one owner for life, so the note is written unconditionally.
    const entry: LedgerEntry = owner ? { owner: { id: owner.id, name: owner.name } } : {};
    try {
      await this.storage.write({ [entryKey(activity, messageId)]: entry });
    } catch (error) {
      process.emitWarning(`card ownership not recorded: ${error instanceof Error ? error.message : String(error)}`, 'OwnershipLedgerWarning');
    }
  }

  /**
   * Whose card a click came from. The ledger's word when it knows the message; otherwise (a card
   * posted before the ledger existed, or whose note failed) the card's own stamp, as before.
   */
  async ownerOfClickedCard(activity: Partial<Activity>, stamped: CardOwner | undefined): Promise<CardOwner | undefined> {
    const messageId = activity.replyToId;
    if (!messageId) return stamped;
    const key = entryKey(activity, messageId);
    let items: Record<string, unknown>;
    try {
      items = await this.storage.read([key]);
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
    const stored = items[key];
    return stored === undefined ? stamped : ownerOf(stored);
  }
}
