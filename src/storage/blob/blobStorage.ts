import { BlobHttp, BlobServiceError } from './blobHttp';
import { blobNameOf } from './blobName';
import { CREATE_ONLY_ETAG } from '../createOnly';
import { ETagConflictError } from '../errors';
import { MAX_ITEM_BYTES, type StateItem, type StateItems, type StateStore, type WrittenETags } from '../stateStore';

/** Azure's answers to a conditional upload that lost: If-Match no longer matches (412), or the blob exists (409, 412). */
const LOST_CONDITION = [409, 412];
const NOT_FOUND = 404;
/** Creating a container that exists. */
const ALREADY_EXISTS = 409;

const statusOf = (error: unknown): number | undefined => (error instanceof BlobServiceError ? error.statusCode : undefined);

/** The blob's name in a request URL: its name escaped once more, as the SDK sends it. */
const blobPathOf = (key: string): string => encodeURIComponent(blobNameOf(key));

/**
 * The state store on Azure Blob storage, one JSON blob per key, each call one request: a read is
 * one download (its eTag from the response), a write one upload conditioned on the item's eTag
 * (If-Match; If-None-Match: * for CREATE_ONLY_ETAG; none for '*' or no eTag). The container is created
 * on first use; a failed creation is tried again by the next call instead of failing every call after
 * an outage at start-up.
 */
export class BlobStorage implements StateStore {
  private containerReady?: Promise<void>;

  constructor(private readonly service: BlobHttp) {}

  async read(keys: readonly string[]): Promise<StateItems> {
    await this.ensureContainer();
    const items: StateItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const item = await this.readOne(key);
        if (item) items[key] = item;
      }),
    );
    return items;
  }

  async write(changes: StateItems): Promise<WrittenETags> {
    await this.ensureContainer();
    const written = await Promise.all(Object.entries(changes).map(async ([key, item]) => [key, await this.writeOne(key, item)] as const));
    // An answer without an eTag (never from Azure) reports nothing, so the writer reads before writing again.
    return Object.fromEntries(written.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
  }

  async delete(keys: readonly string[]): Promise<void> {
    await this.ensureContainer();
    await Promise.all(
      keys.map((key) =>
        this.service.send({ method: 'DELETE', blob: blobPathOf(key) }).catch((error: unknown) => {
          if (statusOf(error) !== NOT_FOUND) throw error;
        }),
      ),
    );
  }

  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.service.send({ method: 'PUT', query: { restype: 'container' } }).then(
      () => undefined,
      (error: unknown) => {
        if (statusOf(error) === ALREADY_EXISTS) return;
        this.containerReady = undefined;
        throw error;
      },
    );
    return this.containerReady;
  }

  private async readOne(key: string): Promise<StateItem | undefined> {
    try {
      const blob = await this.service.send({ method: 'GET', blob: blobPathOf(key) });
      return { ...JSON.parse(blob.body), eTag: blob.eTag };
    } catch (error) {
      if (statusOf(error) === NOT_FOUND) return undefined;
      throw error;
    }
  }

  /** Uploads one item; resolves with its new eTag. */
  private async writeOne(key: string, item: StateItem): Promise<string | undefined> {
    const { eTag, ...data } = item ?? {};
    const condition: Record<string, string> = eTag === CREATE_ONLY_ETAG ? { 'if-none-match': '*' } : eTag && eTag !== '*' ? { 'if-match': eTag } : {};
    const body = JSON.stringify(data);
    // What is read back is cut off at this size, so nothing larger is written.
    if (Buffer.byteLength(body) > MAX_ITEM_BYTES) throw new Error(`a state item of ${Buffer.byteLength(body)} bytes is larger than the ${MAX_ITEM_BYTES} bytes the bot reads back`);
    try {
      const uploaded = await this.service.send({
        method: 'PUT',
        blob: blobPathOf(key),
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/json', ...condition },
        body,
      });
      return uploaded.eTag;
    } catch (error) {
      if (LOST_CONDITION.includes(statusOf(error) ?? 0) && Object.keys(condition).length > 0) throw new ETagConflictError(key);
      throw error;
    }
  }
}
