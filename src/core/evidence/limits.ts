/** Bounds that keep the recogniser's work and output small, whatever is pasted. */

/** Only the start of a message is read; Teams messages stay under about 100 KB anyway. */
export const MAX_INPUT_CHARS = 100_000;
/** Nothing we look for (URL, address, hash, file or device name) is longer than this. */
export const MAX_TOKEN_CHARS = 2_048;
export const MAX_EVIDENCE = 10;
export const MAX_DISPLAY_CHARS = 100;
export const MAX_REASONS = 5;
/** Incidents, alerts and investigations kept from one message. */
export const MAX_REFERENCES = 3;
