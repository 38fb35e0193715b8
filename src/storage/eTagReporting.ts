import type { Storage, StoreItems } from 'botbuilder-core';

/** New eTags by key, for the items one write saved. */
export type WrittenETags = Readonly<Record<string, string>>;

/**
 * A store whose write tells the eTag each item got, so the writer can write that item again without
 * reading it first: on Blob storage a read is a network round trip.
 */
export interface ReportsETags {
  writeReportingETags(changes: StoreItems): Promise<WrittenETags>;
}

function reportsETags(storage: Storage): storage is Storage & ReportsETags {
  return typeof (storage as Partial<ReportsETags>).writeReportingETags === 'function';
}

/** Writes `changes`; resolves with their new eTags where the store tells them (none for the SDK's MemoryStorage). */
export function writeReportingETags(storage: Storage, changes: StoreItems): Promise<WrittenETags> {
  return reportsETags(storage) ? storage.writeReportingETags(changes) : storage.write(changes).then(() => ({}));
}
