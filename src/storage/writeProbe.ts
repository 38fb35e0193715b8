import type { Storage } from 'botbuilder-core';
import { randomUUID } from 'node:crypto';

/** A store that answered a probe this recently is taken as ready without writing again. */
const FRESH_MS = 1_000;

/**
 * Readiness that proves the store takes writes: a full disk or a read-only store still answers reads.
 * Each instance writes one small record of its own, reads it back, and compares. Probes that come
 * together share one write, and a success counts for a second, so frequent probes cost little.
 */
export class WriteProbe {
  /** One per process, so instances sharing a store never read each other's probe. */
  private readonly key = `readiness/${randomUUID()}`;
  private inFlight?: Promise<void>;
  private provenAt = -Infinity;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves once a write was read back; rejects with the store's error otherwise. */
  check(): Promise<void> {
    if (this.now() - this.provenAt < FRESH_MS) return Promise.resolve();
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
    this.provenAt = this.now();
  }
}
