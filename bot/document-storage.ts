import type { Storage, StoreItems } from 'botbuilder';
import { ETagConflictError, type DocumentStore } from '../tickets/store/types.js';

/**
 * botbuilder's `Storage` over the database's document store, so conversation state survives a
 * restart and is shared by every bot process on the same database.
 *
 * eTags are real: a write that carries the eTag it read succeeds only if nobody wrote since
 * (the store raises `ETagConflictError` otherwise); no eTag or `"*"` writes unconditionally,
 * as the Storage contract says. After a write, the new eTag is set on the item written, so a
 * second save in the same turn carries the current eTag rather than a stale one.
 */
/** The conversation state could not be read or written: the database is down or failing. */
export class StateUnavailableError extends Error {
  constructor(operation: 'read' | 'write' | 'delete', cause: unknown) {
    super(`conversation state ${operation} failed`, { cause });
    this.name = 'StateUnavailableError';
  }
}

export class DocumentStorage implements Storage {
  constructor(private readonly documents: DocumentStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const found = await this.documents.read(keys).catch((error: unknown) => {
      throw new StateUnavailableError('read', error);
    });
    const items: StoreItems = {};
    for (const [key, document] of found) items[key] = { ...document.value, eTag: document.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const writes = entries.map(([key, item]) => {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
      return typeof eTag === 'string' && eTag !== '*' ? { key, value, eTag } : { key, value };
    });
    const eTags = await this.documents.write(writes).catch((error: unknown) => {
      // a conflict is an answer, not an outage: the caller decides what it means
      if (error instanceof ETagConflictError) throw error;
      throw new StateUnavailableError('write', error);
    });
    for (const [key, item] of entries) {
      const eTag = eTags.get(key);
      if (eTag && item && typeof item === 'object') (item as Record<string, unknown>).eTag = eTag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length)
      await this.documents.delete(keys).catch((error: unknown) => {
        throw new StateUnavailableError('delete', error);
      });
  }
}
