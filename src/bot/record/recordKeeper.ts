import { randomUUID } from 'node:crypto';
import { Activity, TurnContext } from 'botbuilder-core';
import { renderCard } from '../../core/cards/render';
import { Finished, plainName, RecordEntry, withEntry } from '../../core/recordEntry';
import { recordView } from '../../core/cards/recordCard';
import { RecordView } from '../../core/views';
import { Logger } from '../../ops/logger';
import type { StateStore } from '../../storage/stateStore';
import type { AfterReply } from '../delivery';
import { postCard, replaceCard } from '../delivery';
import { CardAttempt, retriedAfterReply } from './recordCardRetry';
import { ownRecord, RecordAddress, RecordStore, StoredRecord, threadRecord } from './recordStore';

/** An analyst's own list keeps this many entries: enough for `record` in a 1:1 chat. */
const OWN_ENTRIES = 50;
/** A claim to post a thread's card stands this long; after it, the poster is taken to have failed. */
const POSTING_CLAIM_MS = 30_000;
/** Card updates racing with others' finishes are checked this many times against the stored record. */
const MAX_CARD_PASSES = 3;

const isThread = (activity: Partial<Activity>): boolean => {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
};

const sameEntries = (a: readonly RecordEntry[], b: readonly RecordEntry[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The record as the turn left it, for a card's first try (no read again); a later try reads it as it stands then. */
function firstTryOnly(record: StoredRecord): () => StoredRecord | undefined {
  let unused: StoredRecord | undefined = record;
  return () => {
    const seen = unused;
    unused = undefined;
    return seen;
  };
}

/** What `record` found to show: a card on its way, or nothing yet in this thread's record. */
export type RecordShown = 'posted' | 'empty';

/**
 * Keeps each thread's record: one card per channel thread or group chat, posted the first time an
 * analyst finishes something there and updated in place afterwards. The entry is stored within the
 * turn, before any card moves, so a failed card update loses nothing: the next update shows it. The
 * card itself moves after the turn's answer (see recordCardRetry.ts), so no click waits on it.
 */
export class RecordKeeper {
  private readonly store: RecordStore;
  private readonly cardLater: (context: TurnContext, attempt: CardAttempt) => void;

  constructor(
    storage: StateStore,
    private readonly log: Logger,
    afterReply: AfterReply,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new RecordStore(storage, log);
    this.cardLater = retriedAfterReply(afterReply, log);
  }

  /** Notes what the turn's analyst finished; never throws: the analyst already has their answer. */
  async note(context: TurnContext, finished: Finished): Promise<void> {
    const { activity } = context;
    const entry: RecordEntry = { at: this.now(), by: { id: activity.from.id, name: plainName(activity.from.name) }, finished };
    try {
      await this.store.change(ownRecord(activity), (own) => ({ ...own, entries: withEntry(own.entries, entry).slice(0, OWN_ENTRIES) }));
      if (!isThread(activity)) return;
      const key = threadRecord(activity);
      const seen = firstTryOnly(await this.store.change(key, (current) => ({ ...current, entries: withEntry(current.entries, entry) })));
      const claim = randomUUID();
      this.cardLater(context, (later) => this.showLatest(later, key, claim, seen()));
    } catch (error) {
      this.log.error({ err: error }, 'record entry not kept');
    }
  }

  /** `record`: re-posts the thread's card at the bottom (the old one says it moved), or shows the analyst's own entries. */
  async show(context: TurnContext): Promise<RecordShown> {
    const { activity } = context;
    if (!isThread(activity)) {
      const own = await this.store.read(ownRecord(activity));
      this.cardLater(context, (later) => this.post(later, recordView('mine', own.entries, this.now())));
      return 'posted';
    }
    const key = threadRecord(activity);
    const record = await this.store.read(key);
    if (record.entries.length === 0) return 'empty';
    const seen = firstTryOnly(record);
    this.cardLater(context, (later) => this.repost(later, key, seen()));
    return 'posted';
  }

  /** The record the analyst sees here, for the copy dialog: the thread's, or in a 1:1 chat their own. */
  async entriesFor(activity: Partial<Activity>): Promise<{ scope: RecordView['scope']; entries: readonly RecordEntry[] }> {
    const scope = isThread(activity) ? 'thread' : 'mine';
    const record = await this.store.read(scope === 'thread' ? threadRecord(activity) : ownRecord(activity));
    return { scope, entries: record.entries };
  }

  /**
   * Brings the thread's card up to the stored entries: updated in place, or posted under `claim` (taken
   * under the eTag, so one thread never gets two) when there is none yet. True when done, or when another
   * analyst's turn is posting it now (it shows these entries once posted); false to try again.
   */
  private async showLatest(context: TurnContext, key: RecordAddress, claim: string, seen: StoredRecord | undefined): Promise<boolean> {
    if (seen?.card) return this.refreshCard(context, key, seen);
    const record = await this.store.change(key, (current) => {
      const claimStands = current.posting !== undefined && this.now() - current.posting.at < POSTING_CLAIM_MS;
      return current.card || claimStands ? undefined : { ...current, posting: { claim, at: this.now() } };
    });
    if (record.card) return this.refreshCard(context, key, record);
    return record.posting?.claim === claim ? this.postThreadCard(context, key, record.entries, claim) : true;
  }

  /** `record` in a thread: the card posted anew at the bottom, and the one it replaces marked "moved below". */
  private async repost(context: TurnContext, key: RecordAddress, seen: StoredRecord | undefined): Promise<boolean> {
    const record = seen ?? (await this.store.read(key));
    if (!(await this.postThreadCard(context, key, record.entries))) return false;
    if (record.card) await this.replace(context, record.card, { ...recordView('thread', [], this.now()), movedBelow: true });
    return true;
  }

  /** A card posted as a new message; false when the connector did not take it. */
  private async post(context: TurnContext, view: RecordView): Promise<boolean> {
    try {
      await postCard(context, renderCard(view));
      return true;
    } catch (error) {
      this.log.warn({ err: error }, 'record card not posted: trying again');
      return false;
    }
  }

  /**
   * Posts the thread's card and records where it is; if entries landed meanwhile, updates it at once.
   * `claim`, the poster's own, is released either way; false when the card could not be posted.
   */
  private async postThreadCard(context: TurnContext, key: RecordAddress, entries: readonly RecordEntry[], claim?: string): Promise<boolean> {
    let card: string | undefined;
    try {
      card = await postCard(context, renderCard(recordView('thread', entries, this.now())));
    } catch (error) {
      this.log.warn({ err: error }, 'record card not posted: trying again');
    }
    const posted = await this.store.change(key, ({ posting, ...current }) => ({
      ...current,
      ...(card ? { card } : {}),
      ...(posting && posting.claim !== claim ? { posting } : {}),
    }));
    if (card && !sameEntries(posted.entries, entries)) await this.refreshCard(context, key, posted);
    return card !== undefined;
  }

  /** Updates the card in place; checks again afterwards, so a finish that raced this update is shown too. False when an update failed. */
  private async refreshCard(context: TurnContext, key: RecordAddress, record: StoredRecord): Promise<boolean> {
    let shown = record;
    for (let pass = 1; shown.card && pass <= MAX_CARD_PASSES; pass++) {
      if (!(await this.replace(context, shown.card, recordView('thread', shown.entries, this.now())))) return false;
      const latest = await this.store.read(key);
      if (latest.card === shown.card && sameEntries(latest.entries, shown.entries)) return true;
      shown = latest;
    }
    return true;
  }

  /** Replaces a record card; a failure is logged, and false. */
  private async replace(context: TurnContext, messageId: string, view: RecordView): Promise<boolean> {
    try {
      await replaceCard(context, messageId, renderCard(view));
      return true;
    } catch (error) {
      this.log.warn({ err: error }, 'record card not updated: trying again');
      return false;
    }
  }
}
