import type { Evidence } from './types';

/** What kind of file a name is, by extension; it hints at where the file was seen. */
export type FileType = 'office' | 'program' | 'other';

/** A piece of evidence plus what the decision needs to know about it. */
export interface Finding extends Evidence {
  readonly fileType?: FileType;
}
