import { randomUUID } from 'node:crypto';
import type { StateStore } from './stateStore';

/**
 * Readiness that proves the store takes writes: a full disk or a read-only store still answers reads.
 * Each instance writes one small record of its own (a few dozen bytes), reads it back, and compares.
 * Probes that arrive while one is running share its answer, so a burst of probes costs one write.
 */
export class WriteProbe {
  /** One per process, so instances sharing a store never read each other's probe. */
  private readonly key = `readiness/${randomUUID()}`;
  private inFlight?: Promise<void>;

  constructor(private readonly storage: StateStore) {}

  /** Resolves once a write was read back; rejects with the store's error otherwise. */
  check(): Promise<void> {
    this.inFlight ??= this.writeAndReadBack().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async writeAndReadBack(): Promise<void> {
    const nonce = randomUUID();
    await this.storage.write({ [this.key]: { nonce } });
    const stored: unknown = (await this.storage.read([this.key]))[this.key];
    if ((stored as { nonce?: unknown } | undefined)?.nonce !== nonce) throw new Error('the readiness probe read back something other than it wrote');
  }
}
