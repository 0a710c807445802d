/**
 * Lets the event loop run pending I/O and IPC before long synchronous work continues: writers of
 * large files call it between batches so the window never waits on them. Not a clock: it waits
 * for nothing but the loop's turn, so fake clocks in tests need not move.
 */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
