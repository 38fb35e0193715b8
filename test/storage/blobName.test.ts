import { describe, expect, it } from '@jest/globals';
import { blobNameOf } from '../../src/storage/blob/blobName';

/** Blob names must stay what the SDK's BlobsStorage gave, or state written by earlier versions is lost. */
describe('the blob that holds a state key', () => {
  it.each([
    ['msteams/conversations/a%3A1%3Bmessageid%3D17/users/29%3Aalice', 'msteams%2Fconversations%2Fa%253A1%253Bmessageid%253D17%2Fusers%2F29%253Aalice'],
    ['/leading//double/slash/', '%2Fleading%2Fdouble%2Fslash'],
    ['Zoë/😀', 'Zo%C3%AB%2F%F0%9F%98%80'],
  ])('%s is named %s, as the SDK named it', (key, name) => {
    expect(blobNameOf(key)).toBe(name);
  });

  it('keeps at most 254 slashes and 1,024 characters', () => {
    const name = blobNameOf(Array.from({ length: 300 }, () => 'a').join('/'));
    expect(name).toBe(`${'a%2F'.repeat(254)}${'a'.repeat(1024 - 254 * 4)}`);
    expect(blobNameOf('x'.repeat(1100))).toBe('x'.repeat(1024));
  });

  it('refuses an empty key', () => {
    expect(() => blobNameOf('')).toThrow('must not be empty');
  });
});
