import { withDeadline } from './deadline';

/**
 * A turn waiting on a slow connector or store holds memory and sockets; beyond this many the
 * server answers 503 instead of taking more. A turn normally lasts tens of milliseconds, so this is
 * thousands of turns a second when all is well.
 */
export const DEFAULT_MAX_TURNS_IN_FLIGHT = 200;

/**
 * The turns being handled right now, so shutdown can let them finish and the server can refuse
 * turns beyond its capacity. Once closed, the server takes no new turns; turns already running keep going.
 */
export class InFlightTurns {
  private readonly running = new Set<Promise<void>>();
  private isClosed = false;

  constructor(readonly capacity = DEFAULT_MAX_TURNS_IN_FLIGHT) {}

  get size(): number {
    return this.running.size;
  }

  /** No room for another turn now. */
  get full(): boolean {
    return this.running.size >= this.capacity;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  track<T>(turn: Promise<T>): Promise<T> {
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return turn;
  }

  close(): void {
    this.isClosed = true;
  }

  /** True when every running turn finished within `ms`; false when some are still running. */
  drain(ms: number): Promise<boolean> {
    // The tracked promises never reject, so the only failure is the deadline.
    const allDone = Promise.all(this.running).then(() => true);
    return withDeadline(allDone, ms, 'in-flight turns').catch(() => false);
  }
}
