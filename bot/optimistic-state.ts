import { ConversationState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';

/** This turn's copy of the state, and what it held when loaded (to tell whether the turn changed it). */
interface TurnCopy {
  state: Record<string, unknown>;
  loaded: string;
}

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
 *
 * It keeps the turn's copy itself (every method of BotState that touches that copy is overridden
 * here): loading it every turn is on the path of every answer, and a plain JSON comparison does
 * what botbuilder's SHA-256 of a custom serialisation does, at a fraction of the cost.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly bookkeeping: ReadonlySet<string>;
  private readonly turnCopy = Symbol('optimisticConversationState.turnCopy');

  constructor(storage: Storage, options: { bookkeeping?: string[] } = {}) {
    super(storage);
    this.bookkeeping = new Set(options.bookkeeping ?? []);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.turnCopy) as TurnCopy | undefined;
    if (cached && !force) return cached.state;
    const key = this.keyOf(context);
    const state = ((await this.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(this.turnCopy, { state, loaded: this.counted(state) } satisfies TurnCopy);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get(this.turnCopy) as TurnCopy | undefined;
    if (!cached) return; // never loaded this turn: nothing to save
    const now = this.counted(cached.state);
    if (!force && now === cached.loaded) return;
    const { eTag, ...rest } = cached.state;
    const item: Record<string, unknown> = typeof eTag === 'string' && eTag !== '*' ? { ...rest, eTag } : { ...rest };
    await this.storage.write({ [this.keyOf(context)]: item });
    // the storage sets the new eTag on the item it wrote; a second save this turn carries it
    if (typeof item.eTag === 'string') cached.state.eTag = item.eTag;
    cached.loaded = now;
  }

  /**
   * An accessor for one property of this turn's copy. botbuilder's own does the same through
   * generator-based async code compiled for old runtimes, and every turn reads two or three
   * properties: this one is plain async code over the copy `load` keeps.
   */
  override createProperty<T = unknown>(name: string): StatePropertyAccessor<T> {
    return new TurnCopyProperty<T>(this, name);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return (context.turnState.get(this.turnCopy) as TurnCopy | undefined)?.state;
  }

  override async clear(context: TurnContext): Promise<void> {
    // an emptied state counts as a change from whatever was loaded, so the next save writes it
    const cached = context.turnState.get(this.turnCopy) as TurnCopy | undefined;
    context.turnState.set(this.turnCopy, { state: {}, loaded: cached?.loaded ?? '' } satisfies TurnCopy);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.turnCopy);
    await this.storage.delete([this.keyOf(context)]);
  }

  private keyOf(context: TurnContext): string {
    const key = this.getStorageKey(context); // throws when the activity names no channel or conversation
    if (!key) throw new Error('conversation state has no storage key for this activity');
    return key;
  }

  /** What the state holds, without its eTag and bookkeeping: equal strings, nothing to save. */
  private counted(state: Record<string, unknown>): string {
    const counted: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) if (key !== 'eTag' && !this.bookkeeping.has(key)) counted[key] = value;
    return JSON.stringify(counted);
  }
}

/** One property of the turn's copy; a default is copied in (as botbuilder's accessor does), so it is saved when changed. */
class TurnCopyProperty<T> implements StatePropertyAccessor<T> {
  constructor(private readonly state: OptimisticConversationState, readonly name: string) {}

  async get(context: TurnContext, defaultValue?: T): Promise<T> {
    const state = await this.state.load(context);
    if (!Object.hasOwn(state, this.name) && defaultValue !== undefined) {
      state[this.name] = typeof defaultValue === 'object' && defaultValue !== null ? JSON.parse(JSON.stringify(defaultValue)) : defaultValue;
    }
    return state[this.name] as T;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    const state = await this.state.load(context);
    state[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const state = await this.state.load(context);
    delete state[this.name];
  }
}
