/** Azure allows at most this many path segments (254 slashes) and characters in a blob's name. */
const MAX_SEGMENTS = 255;
const MAX_NAME_LENGTH = 1024;

/**
 * The blob that holds `key`, named as the Bot Framework SDK's BlobsStorage named it, so state written
 * by earlier versions is still found: empty path segments dropped, slashes beyond the 254th left out,
 * then URI-encoded and cut at 1,024 characters.
 */
export function blobNameOf(key: string): string {
  if (!key) throw new Error('a state key must not be empty');
  const joined = key.split('/').reduce((name, segment, index) => (segment ? [name, segment].join(index < MAX_SEGMENTS ? '/' : '') : name));
  return encodeURIComponent(joined).slice(0, MAX_NAME_LENGTH);
}
