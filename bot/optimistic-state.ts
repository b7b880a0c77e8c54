import { ConversationState, type TurnContext } from 'botbuilder';

/** The state as loaded this turn, to tell whether the turn changed it. */
const LOADED_HASH = Symbol('optimisticConversationState.loadedHash');

/**
 * Conversation state that saves with the eTag it loaded, where botbuilder's `BotState` saves
 * with `"*"` (last writer wins). When two bot processes take turns of one conversation at the
 * same moment, the second save fails with `ETagConflictError` instead of silently undoing the
 * first one's dialog step; the turn's error handler tells the customer to send it again.
 * A conversation seen for the first time has no eTag yet, so its first save is unconditional.
 */
export class OptimisticConversationState extends ConversationState {
  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as Record<string, unknown>;
    if (force || !context.turnState.has(LOADED_HASH)) context.turnState.set(LOADED_HASH, changeHash(state));
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    if (!context.turnState.has(LOADED_HASH)) return; // never loaded this turn: nothing to save
    const state = await this.load(context);
    const hash = changeHash(state);
    if (!force && hash === context.turnState.get(LOADED_HASH)) return;
    const { eTag, ...rest } = state;
    const item: Record<string, unknown> = typeof eTag === 'string' && eTag !== '*' ? { ...rest, eTag } : { ...rest };
    await this.storage.write({ [await this.storageKey(context)]: item });
    // the storage sets the new eTag on the item it wrote; a second save this turn carries it
    if (typeof item.eTag === 'string') state.eTag = item.eTag;
    context.turnState.set(LOADED_HASH, hash);
  }
}

/** What the state holds, without its eTag (the same change test as botbuilder's). */
function changeHash(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}
