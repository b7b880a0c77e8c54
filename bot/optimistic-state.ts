import { ConversationState, type Storage, type TurnContext } from 'botbuilder';

/** The state as loaded this turn, to tell whether the turn changed it. */
const LOADED_HASH = Symbol('optimisticConversationState.loadedHash');

/**
 * Conversation state that saves with the eTag it loaded, where botbuilder's `BotState` saves
 * with `"*"` (last writer wins). When two bot processes take turns of one conversation at the
 * same moment, the second save fails with `ETagConflictError` instead of silently undoing the
 * first one's dialog step; the turn's error handler tells the customer to send it again.
 * A conversation seen for the first time has no eTag yet, so its first save is unconditional.
 *
 * `bookkeeping` names properties that do not by themselves make a turn worth saving (the
 * redelivery guard's memory of replies): they are saved along with any other change, and a turn
 * that changed nothing else writes nothing.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly bookkeeping: ReadonlySet<string>;

  constructor(storage: Storage, options: { bookkeeping?: string[] } = {}) {
    super(storage);
    this.bookkeeping = new Set(options.bookkeeping ?? []);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as Record<string, unknown>;
    if (force || !context.turnState.has(LOADED_HASH)) context.turnState.set(LOADED_HASH, this.changeHash(state));
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    if (!context.turnState.has(LOADED_HASH)) return; // never loaded this turn: nothing to save
    const state = await this.load(context);
    const hash = this.changeHash(state);
    if (!force && hash === context.turnState.get(LOADED_HASH)) return;
    const { eTag, ...rest } = state;
    const item: Record<string, unknown> = typeof eTag === 'string' && eTag !== '*' ? { ...rest, eTag } : { ...rest };
    await this.storage.write({ [await this.storageKey(context)]: item });
    // the storage sets the new eTag on the item it wrote; a second save this turn carries it
    if (typeof item.eTag === 'string') state.eTag = item.eTag;
    context.turnState.set(LOADED_HASH, hash);
  }

  /** What the state holds, without its eTag and bookkeeping (otherwise the same change test as botbuilder's). */
  private changeHash(state: Record<string, unknown>): string {
    const counted: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) if (key !== 'eTag' && !this.bookkeeping.has(key)) counted[key] = value;
    return JSON.stringify(counted);
  }
}
