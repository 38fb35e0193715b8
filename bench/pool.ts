/** Runs task(0..count-1) with at most `concurrency` of them in flight; resolves when all have settled. */
export async function inPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < count) await task(nextIndex++);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
}
