import type { Storage, StoreItems } from 'botbuilder-core';
import type { BlobsStorage } from 'botbuilder-azure-blobs';
import type { ContainerClient } from '@azure/storage-blob';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { ETagConflictError } from './errors';

/**
 * The eTag of a write that must create its item: it fails with an eTag conflict when the key already
 * exists. With '*' two first turns of one conversation would both win; with this only one does.
 * SqliteStorage and MemoryStorage already read any eTag they never issued this way; blobs need help.
 */
export const CREATE_ONLY_ETAG = 'create-only';

/** Azure's answers to an If-None-Match: * upload of a blob that exists. */
const ALREADY_EXISTS = [409, 412];

/** BlobsStorage can only send If-Match; a create-only write is uploaded here with If-None-Match: *. */
export class BlobsWithCreateOnly implements Storage {
  constructor(
    private readonly blobs: BlobsStorage,
    private readonly container: ContainerClient,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.blobs.read(keys);
  }

  delete(keys: string[]): Promise<void> {
    return this.blobs.delete(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    const creates = entries.filter(([, item]) => item?.eTag === CREATE_ONLY_ETAG);
    const others = entries.filter(([, item]) => item?.eTag !== CREATE_ONLY_ETAG);
    if (others.length > 0) await this.blobs.write(Object.fromEntries(others));
    if (creates.length === 0) return;
    // Reading nothing makes BlobsStorage create the container once, as its own calls do.
    await this.blobs.read([]);
    await Promise.all(creates.map(([key, item]) => this.create(key, item)));
  }

  private async create(key: string, item: StoreItems[string]): Promise<void> {
    const { eTag: _createOnly, ...data } = item;
    const json = JSON.stringify(data);
    try {
      // The blob name must be the one BlobsStorage reads, so its own key sanitiser names it.
      await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(json, Buffer.byteLength(json), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error) {
      if (ALREADY_EXISTS.includes((error as { statusCode?: number }).statusCode ?? 0)) throw new ETagConflictError(key);
      throw error;
    }
  }
}
