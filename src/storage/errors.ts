/** A write lost optimistic concurrency: its eTag no longer matches the stored item. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';

  constructor(readonly key: string) {
    // The wording the Bot Framework SDK's stores used, so log searches written for it still match.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** True for a write that lost optimistic concurrency (every StateStore throws ETagConflictError for it). */
export function isETagConflict(err: unknown): boolean {
  return err instanceof ETagConflictError;
}

/** Another writer held the store's lock for longer than a turn can wait; nothing was read or written. */
export class StorageBusyError extends Error {
  override readonly name = 'StorageBusyError';

  constructor(
    readonly waitedMs: number,
    override readonly cause: unknown,
  ) {
    super(`storage busy: still locked by another writer after ${waitedMs} ms`);
  }
}

/** The store could not be read or written for a turn: the analyst is asked to try again, nothing changed. */
export class StorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}
