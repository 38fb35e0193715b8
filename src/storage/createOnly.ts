/**
 * The eTag of a write that must create its item: it fails with an eTag conflict when the key already
 * exists. With '*' two first turns of one conversation would both win; with this only one does.
 * SqliteStorage and MemoryStateStore read any eTag they never issued this way; BlobStorage uploads it
 * with If-None-Match: *.
 */
export const CREATE_ONLY_ETAG = 'create-only';
