import type { Logger } from '../ops/logger';
import { isETagConflict } from './errors';
import type { StateItems, StateStore, WrittenETags } from './stateStore';

type Operation = 'read' | 'write' | 'delete';

/**
 * Every failed call to the store is an error in the log, with its cause and how many have failed
 * since start-up: a full disk or a lost connection is seen by operators, not only by analysts.
 * A lost eTag race is not a failure (the caller computes again), so it is neither logged nor counted.
 * Keys are never logged: they carry user and conversation ids.
 */
export class ObservedStorage implements StateStore {
  private failures = 0;

  constructor(
    private readonly inner: StateStore,
    private readonly log: Logger,
  ) {}

  /** Failed calls since start-up. */
  get failureCount(): number {
    return this.failures;
  }

  read(keys: readonly string[]): Promise<StateItems> {
    return this.observe('read', () => this.inner.read(keys));
  }

  write(changes: StateItems): Promise<WrittenETags> {
    return this.observe('write', () => this.inner.write(changes));
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.observe('delete', () => this.inner.delete(keys));
  }

  private async observe<T>(operation: Operation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isETagConflict(error)) {
        this.failures += 1;
        this.log.error({ err: error, storageOperation: operation, storageFailures: this.failures }, `storage ${operation} failed`);
      }
      throw error;
    }
  }
}
