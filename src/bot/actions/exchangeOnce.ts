/**
 * Teams sends the same single sign-on exchange from each of the analyst's signed-in clients (desktop
 * and phone, say), at about the same time: the first runs, the others get its outcome. An outcome is
 * kept this long, and at most this many, which is far more than arrive at once.
 */
const KEEP_MS = 60_000;
const MAX_KEPT = 1_000;

export class ExchangeOnce {
  private readonly outcomes = new Map<string, Promise<boolean>>();

  run(key: string, exchange: () => Promise<boolean>): Promise<boolean> {
    const known = this.outcomes.get(key);
    if (known) return known;
    const outcome = exchange();
    if (this.outcomes.size < MAX_KEPT) {
      this.outcomes.set(key, outcome);
      setTimeout(() => this.outcomes.delete(key), KEEP_MS).unref();
    }
    return outcome;
  }
}
