import type { Storage, StoreItems } from 'botbuilder-core';

/**
 * BlobsStorage creates its container once and caches that promise, failure included: an instance whose
 * first call ran during an outage rejects forever. Until a call has succeeded, swap a failed instance for a fresh one.
 */
export class RecoveringStorage implements Storage {
  private current: Storage;
  private ready = false;

  constructor(private readonly create: () => Storage) {
    this.current = create();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((storage) => storage.delete(keys));
  }

  private async run<T>(operation: (storage: Storage) => Promise<T>): Promise<T> {
    const storage = this.current;
    try {
      const result = await operation(storage);
      this.ready = true;
      return result;
    } catch (err) {
      // Concurrent failures of the same instance replace it only once.
      if (!this.ready && storage === this.current) this.current = this.create();
      throw err;
    }
  }
}
