import { withDeadline } from './deadline';

/**
 * The turns being handled right now, so shutdown can let them finish. Once closed, the server takes
 * no new turns; turns already running keep going.
 */
export class InFlightTurns {
  private readonly running = new Set<Promise<void>>();
  private isClosed = false;

  get size(): number {
    return this.running.size;
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
