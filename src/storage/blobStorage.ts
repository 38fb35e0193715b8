import type { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder-core';
// The same blob names BlobsStorage gave, so state written by earlier versions is still found.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { CREATE_ONLY_ETAG } from './createOnly';
import { ETagConflictError } from './errors';

/** Azure's answers to a conditional upload that lost: If-Match no longer matches (412), or the blob exists (409, 412). */
const LOST_CONDITION = [409, 412];
const NOT_FOUND = 404;

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number } | undefined)?.statusCode;

async function textOf(body: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Bot Framework Storage on Azure Blob storage, one JSON blob per key, each call one request: a read is
 * one download (its eTag from the response), a write one upload conditioned on the item's eTag
 * (If-Match; If-None-Match: * for CREATE_ONLY_ETAG; none for '*' or no eTag). One container client
 * for the process. The container is created on first use; a failed creation is tried again by the
 * next call instead of failing every call after an outage at start-up.
 */
export class BlobStorage implements Storage {
  private containerReady?: Promise<void>;

  constructor(private readonly container: ContainerClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    await this.ensureContainer();
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const item = await this.readOne(key);
        if (item) items[key] = item;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.ensureContainer();
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    await this.ensureContainer();
    await Promise.all(keys.map((key) => this.container.getBlockBlobClient(sanitizeBlobKey(key)).deleteIfExists()));
  }

  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists().then(
      () => undefined,
      (error: unknown) => {
        this.containerReady = undefined;
        throw error;
      },
    );
    return this.containerReady;
  }

  private async readOne(key: string): Promise<StoreItems[string] | undefined> {
    try {
      const blob = await this.container.getBlockBlobClient(sanitizeBlobKey(key)).download();
      if (!blob.readableStreamBody) return undefined;
      return { ...JSON.parse(await textOf(blob.readableStreamBody)), eTag: blob.etag };
    } catch (error) {
      if (statusOf(error) === NOT_FOUND) return undefined;
      throw error;
    }
  }

  private async writeOne(key: string, item: StoreItems[string]): Promise<void> {
    const { eTag, ...data } = item ?? {};
    const json = JSON.stringify(data);
    const conditions = eTag === CREATE_ONLY_ETAG ? { ifNoneMatch: '*' } : eTag && eTag !== '*' ? { ifMatch: eTag } : undefined;
    try {
      await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(json, Buffer.byteLength(json), {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error) {
      if (conditions && LOST_CONDITION.includes(statusOf(error) ?? 0)) throw new ETagConflictError(key);
      throw error;
    }
  }
}
