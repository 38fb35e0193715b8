import { randomUUID } from 'node:crypto';
import { Activity, TurnContext } from 'botbuilder-core';
import { renderCard } from '../core/cards/render';
import { Finished, plainName, RecordEntry, withEntry } from '../core/recordEntry';
import { recordView } from '../core/recordCard';
import { RecordView } from '../core/views';
import { Logger } from '../ops/logger';
import type { StateStore } from '../storage/stateStore';
import { postCard, replaceCard } from './delivery';
import { ownRecordKey, RecordStore, StoredRecord, threadRecordKey } from './recordStore';

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

/** What `record` found to show: a card posted, or nothing yet in this thread's record. */
export type RecordShown = 'posted' | 'empty';

/**
 * Keeps each thread's record: one card per channel thread or group chat, posted the first time an
 * analyst finishes something there and updated in place afterwards. The entry is stored before any
 * card moves, so a failed card update loses nothing: the next update shows it.
 */
export class RecordKeeper {
  private readonly store: RecordStore;

  constructor(
    storage: StateStore,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new RecordStore(storage);
  }

  /** Notes what the turn's analyst finished; never throws: the analyst already has their answer. */
  async note(context: TurnContext, finished: Finished): Promise<void> {
    const { activity } = context;
    const entry: RecordEntry = { at: this.now(), by: { id: activity.from.id, name: plainName(activity.from.name) }, finished };
    try {
      await this.store.change(ownRecordKey(activity), (own) => ({ ...own, entries: withEntry(own.entries, entry).slice(0, OWN_ENTRIES) }));
      if (isThread(activity)) await this.noteInThread(context, entry);
    } catch (error) {
      this.log.error({ err: error }, 'record entry not kept');
    }
  }

  /** `record`: re-posts the thread's card at the bottom (the old one says it moved), or shows the analyst's own entries. */
  async show(context: TurnContext): Promise<RecordShown> {
    const { activity } = context;
    if (!isThread(activity)) {
      const own = await this.store.read(ownRecordKey(activity));
      await postCard(context, renderCard(recordView('mine', own.entries, this.now())));
      return 'posted';
    }
    const key = threadRecordKey(activity);
    const record = await this.store.read(key);
    if (record.entries.length === 0) return 'empty';
    const movedFrom = record.card;
    const shown = await this.postThreadCard(context, key, record.entries);
    if (movedFrom && shown) await this.replace(context, movedFrom, { ...recordView('thread', [], this.now()), movedBelow: true });
    return 'posted';
  }

  /** The record the analyst sees here, for the copy dialog: the thread's, or in a 1:1 chat their own. */
  async entriesFor(activity: Partial<Activity>): Promise<{ scope: RecordView['scope']; entries: readonly RecordEntry[] }> {
    const scope = isThread(activity) ? 'thread' : 'mine';
    const record = await this.store.read(scope === 'thread' ? threadRecordKey(activity) : ownRecordKey(activity));
    return { scope, entries: record.entries };
  }

  private async noteInThread(context: TurnContext, entry: RecordEntry): Promise<void> {
    const key = threadRecordKey(context.activity);
    const claim = randomUUID();
    const record = await this.store.change(key, (current) => {
      const entries = withEntry(current.entries, entry);
      const claimStands = current.posting !== undefined && this.now() - current.posting.at < POSTING_CLAIM_MS;
      if (current.card || claimStands) return { ...current, entries };
      return { ...current, entries, posting: { claim, at: this.now() } };
    });
    if (record.posting?.claim === claim) await this.postThreadCard(context, key, record.entries, claim);
    else if (record.card) await this.refreshCard(context, key, record);
    // Otherwise another analyst's turn is posting the card now; it shows this entry once posted.
  }

  /**
   * Posts the thread's card and records where it is; if entries landed meanwhile, updates it at once.
   * `claim`, the poster's own, is released either way; false when the card could not be posted (the
   * next finish posts it then).
   */
  private async postThreadCard(context: TurnContext, key: string, entries: readonly RecordEntry[], claim?: string): Promise<boolean> {
    let card: string | undefined;
    try {
      card = await postCard(context, renderCard(recordView('thread', entries, this.now())));
    } catch (error) {
      this.log.warn({ err: error }, 'record card not posted: the next finished task in this thread posts it');
    }
    const posted = await this.store.change(key, ({ posting, ...current }) => ({
      ...current,
      ...(card ? { card } : {}),
      ...(posting && posting.claim !== claim ? { posting } : {}),
    }));
    if (card && !sameEntries(posted.entries, entries)) await this.refreshCard(context, key, posted);
    return card !== undefined;
  }

  /** Updates the card in place; checks again afterwards, so a finish that raced this update is shown too. */
  private async refreshCard(context: TurnContext, key: string, record: StoredRecord): Promise<void> {
    let shown = record;
    for (let pass = 1; shown.card && pass <= MAX_CARD_PASSES; pass++) {
      if (!(await this.replace(context, shown.card, recordView('thread', shown.entries, this.now())))) return;
      const latest = await this.store.read(key);
      if (latest.card === shown.card && sameEntries(latest.entries, shown.entries)) return;
      shown = latest;
    }
  }

  /** Replaces a record card; a failure is logged and left for the next update. */
  private async replace(context: TurnContext, messageId: string, view: RecordView): Promise<boolean> {
    try {
      await replaceCard(context, messageId, renderCard(view));
      return true;
    } catch (error) {
      this.log.warn({ err: error }, 'record card not updated: the next update shows its entries');
      return false;
    }
  }
}
