/**
 * `fn`, remembering its result for the last texts it was given. Customers ask the same
 * questions word for word ("who do I call for an outage?"), and the work done on a message's
 * text before anything is looked up (normalising, routing) is pure: the same text, the same
 * result. Texts longer than `maxChars` are not kept (a pasted log repeats rarely and would hold
 * memory); when `capacity` texts are kept, the memory starts over (simpler than least recently
 * used, and a miss costs only the work itself).
 */
export function memoizeByText<T>(fn: (text: string) => T, capacity = 1000, maxChars = 1000): (text: string) => T {
  const results = new Map<string, T>();
  return (text: string): T => {
    const known = results.get(text);
    if (known !== undefined || results.has(text)) return known as T;
    const result = fn(text);
    if (text.length <= maxChars) {
      if (results.size >= capacity) results.clear();
      results.set(text, result);
    }
    return result;
  };
}
