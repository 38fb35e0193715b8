import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { mean } from './stats';

/** How much the bot's SQLite state takes: on disk, and per conversation (its record and its card notes). */
export interface StateSize {
  /** The database file and its write-ahead log. */
  readonly fileBytes: number;
  readonly rows: number;
  readonly conversations: number;
  /** JSON stored for one conversation, all its rows together. */
  readonly perConversationJsonBytes: { readonly mean: number; readonly max: number };
}

const fileSize = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

/** Keys read `{channel}/conversations/{conversation}/...`; the third part names the conversation. */
const conversationOfKey = (key: string): string => key.split('/')[2] ?? key;

export function measureStateSize(databaseFile: string): StateSize {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT key, length(CAST(json AS BLOB)) AS bytes FROM state').all() as { key: string; bytes: number }[];
    const perConversation = new Map<string, number>();
    for (const { key, bytes } of rows) {
      const conversation = conversationOfKey(key);
      perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + bytes);
    }
    const sizes = [...perConversation.values()];
    return {
      fileBytes: fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
      rows: rows.length,
      conversations: perConversation.size,
      perConversationJsonBytes: { mean: mean(sizes), max: Math.max(0, ...sizes) },
    };
  } finally {
    db.close();
  }
}
