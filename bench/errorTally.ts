/** Counts failures and keeps the first few messages, so a failing run says why without flooding the output. */
export class ErrorTally {
  private static readonly KEPT = 5;
  count = 0;
  readonly samples: string[] = [];

  note(error: unknown): void {
    this.count++;
    if (this.samples.length < ErrorTally.KEPT) this.samples.push(error instanceof Error ? error.message : String(error));
  }
}
