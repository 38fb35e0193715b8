/** A write lost optimistic concurrency: its eTag no longer matches the stored item. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';

  constructor(readonly key: string) {
    // Same wording as the SDK's stores, so code matching their message keeps working.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** True for a conflict from any store: the SDK's MemoryStorage and BlobsStorage throw a plain Error. */
export function isETagConflict(err: unknown): boolean {
  return err instanceof ETagConflictError || (err instanceof Error && /due to eTag conflict\.$/.test(err.message));
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
