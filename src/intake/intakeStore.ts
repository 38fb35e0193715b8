import { CREATE_ONLY_ETAG } from '../storage/createOnly';
import { INTAKE_KEY_PREFIX } from '../storage/sqlite/sqliteStorage';
import { isETagConflict } from '../storage/errors';
import type { StateStore } from '../storage/stateStore';
import type { EntityIds } from '../core/intake/entities';
import type { Evidence, EvidenceKind } from '../core/evidence';
import { MAX_DISPLAY_CHARS } from '../core/evidence/limits';

/**
 * What intake keeps in the state store, shared by every instance: the poll cursor, and per incident
 * its claim, then its thread. The claim is a create-only write, so of two instances only one posts.
 */

// Every key starts with INTAKE_KEY_PREFIX: the SQLite sweep keeps them as long as threads' records.
const CURSOR_KEY = `${INTAKE_KEY_PREFIX}cursor`;
const SERVICE_URL_KEY = `${INTAKE_KEY_PREFIX}service-url`;
const PACE_KEY = `${INTAKE_KEY_PREFIX}next-thread`;
const incidentKey = (id: string): string => `${INTAKE_KEY_PREFIX}incident/${id}`;
const threadKey = (conversationId: string): string => `${INTAKE_KEY_PREFIX}thread/${conversationId}`;

/**
 * What a thread is about, for a message typed in it or a click on its card: the incident, its main
 * entity (defanged), and what an undo from Teams needs of it (see knownEvidence).
 */
export interface ThreadAbout {
  readonly incident: string;
  readonly display: string;
  readonly known: readonly Evidence[];
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(['mdeDeviceId', 'networkMessageId', 'email', 'userSid']);
const MAX_KNOWN = 2;

/** The incident a channel thread was posted for, if intake posted it; the entity's ids are read back field by field. */
export async function threadAbout(store: StateStore, conversationId: string): Promise<ThreadAbout | undefined> {
  const stored = (await store.read([threadKey(conversationId)]))[threadKey(conversationId)];
  if (typeof stored?.incident !== 'string' || typeof stored.display !== 'string') return undefined;
  const listed: unknown[] = Array.isArray(stored.known) ? stored.known.slice(0, MAX_KNOWN) : [];
  const known = listed.flatMap((e) => {
    const item = e as { kind?: unknown; display?: unknown } | null;
    return typeof item?.kind === 'string' && KNOWN_KINDS.has(item.kind) && typeof item.display === 'string' && item.display.length <= MAX_DISPLAY_CHARS
      ? [{ kind: item.kind as EvidenceKind, display: item.display }]
      : [];
  });
  return { incident: stored.incident, display: stored.display, known };
}

/** An incident's thread, once posted; `posting` while an instance has claimed it and not yet recorded the post. */
export type IncidentThread =
  | { readonly state: 'posting'; readonly owner: string; readonly claimedAt: number }
  | { readonly state: 'posted'; readonly conversationId: string; readonly activityId: string; readonly fingerprint: string; readonly ids: readonly EntityIds[] };

/** `takenOver`: the claim was another instance's, left unfinished; its post may have landed. */
export type Claim = { readonly won: true; readonly eTag: string; readonly takenOver: boolean } | { readonly won: false; readonly thread: IncidentThread };

/** A claim this old whose post never finished is taken over (its instance died or stopped mid-post). */
export const STALE_CLAIM_MS = 60_000;

export class IntakeStore {
  constructor(
    private readonly store: StateStore,
    private readonly owner: string,
    private readonly now: () => number = Date.now,
  ) {}

  async cursor(): Promise<string | undefined> {
    const since = (await this.store.read([CURSOR_KEY]))[CURSOR_KEY]?.since;
    return typeof since === 'string' ? since : undefined;
  }

  /** Moves forward only: an instance that read older alerts never sets the cursor back. */
  async advance(since: string): Promise<void> {
    for (;;) {
      const stored = (await this.store.read([CURSOR_KEY]))[CURSOR_KEY];
      if (typeof stored?.since === 'string' && stored.since >= since) return;
      try {
        await this.store.write({ [CURSOR_KEY]: { since, eTag: stored?.eTag ?? CREATE_ONLY_ETAG } });
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  /**
   * When this instance may post the channel's next new thread (epoch ms): at least `intervalMs` after the
   * slot any instance took last. Taken compare-and-set, so two instances never take the same slot.
   */
  async nextThreadSlot(intervalMs: number): Promise<number> {
    for (;;) {
      const stored = (await this.store.read([PACE_KEY]))[PACE_KEY];
      const last = typeof stored?.at === 'number' ? stored.at : -Infinity;
      const slot = Math.max(this.now(), last + intervalMs);
      try {
        await this.store.write({ [PACE_KEY]: { at: slot, eTag: stored?.eTag ?? CREATE_ONLY_ETAG } });
        return slot;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  /** The Connector last seen from the intake's channel, by any instance. */
  async serviceUrl(): Promise<string | undefined> {
    const url = (await this.store.read([SERVICE_URL_KEY]))[SERVICE_URL_KEY]?.url;
    return typeof url === 'string' ? url : undefined;
  }

  /** Keeps the Connector an activity from the intake's channel came through; the last one seen wins. */
  async sawServiceUrl(url: string): Promise<void> {
    await this.store.write({ [SERVICE_URL_KEY]: { url, eTag: '*' } });
  }

  async thread(id: string): Promise<(IncidentThread & { eTag?: string }) | undefined> {
    const stored = (await this.store.read([incidentKey(id)]))[incidentKey(id)];
    return stored && (stored.state === 'posting' || stored.state === 'posted') ? (stored as unknown as IncidentThread & { eTag?: string }) : undefined;
  }

  /** Claims the incident for this instance: a new claim, or one left stale by an instance that never finished. */
  async claim(id: string): Promise<Claim> {
    const posting = { state: 'posting', owner: this.owner, claimedAt: this.now() };
    const existing = await this.thread(id);
    const stale = existing?.state === 'posting' && this.now() - existing.claimedAt >= STALE_CLAIM_MS;
    if (existing && !stale) return { won: false, thread: existing };
    try {
      const written = await this.store.write({ [incidentKey(id)]: { ...posting, eTag: existing?.eTag ?? CREATE_ONLY_ETAG } });
      return { won: true, eTag: written[incidentKey(id)], takenOver: existing !== undefined };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      const winner = await this.thread(id);
      return winner ? { won: false, thread: winner } : this.claim(id);
    }
  }

  /** Gives a claim back (the post failed for good): the next poll tries again. */
  async release(id: string, eTag: string): Promise<void> {
    try {
      await this.store.write({ [incidentKey(id)]: { state: 'posting', owner: this.owner, claimedAt: 0, eTag } });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }

  async posted(id: string, thread: Extract<IncidentThread, { state: 'posted' }>, entity?: Omit<ThreadAbout, 'incident'>): Promise<void> {
    const about = entity ? { [threadKey(thread.conversationId)]: { incident: id, ...entity } } : {};
    await this.store.write({ [incidentKey(id)]: { ...thread }, ...about });
  }
}
