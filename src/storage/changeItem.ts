import { CREATE_ONLY_ETAG } from './createOnly';
import { isETagConflict, StorageUnavailableError } from './errors';
import type { StateItem, StateStore } from './stateStore';

/** What one attempt at a change decided: the item to write (none: nothing is written), and what the caller gets once it stands. */
export interface ItemChange<R> {
  readonly write?: object;
  readonly result: R;
}

/**
 * Changes one item compare-and-set: reads it, applies `change` to what was stored, and writes the
 * item it decided on under the eTag it was read with (create-only when there was no item). When
 * another writer got there first, it reads and applies `change` again, up to `maxAttempts` times in
 * all. Resolves with the result of the attempt that stood. A storage failure, or the last attempt
 * lost, is a StorageUnavailableError.
 */
export async function changeItem<R>(
  storage: StateStore,
  key: string,
  change: (stored: unknown) => ItemChange<R> | Promise<ItemChange<R>>,
  maxAttempts: number,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    let stored: unknown;
    try {
      stored = (await storage.read([key]))[key];
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
    const { write, result } = await change(stored);
    if (!write) return result;
    const eTag = (stored as StateItem | undefined)?.eTag ?? CREATE_ONLY_ETAG;
    try {
      await storage.write({ [key]: { ...write, eTag } });
      return result;
    } catch (error) {
      if (!isETagConflict(error) || attempt === maxAttempts) throw new StorageUnavailableError(error);
    }
  }
}
