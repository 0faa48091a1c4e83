/**
 * A value computed once and shared by every caller (concurrent callers share the one computation in flight), except
 * that a failure is not kept: a rejected computation is forgotten, so the next call tries again instead of replaying
 * the old error for the life of the process.
 */
export class Once<T> {
  private value?: Promise<T>;

  /** @param compute - computes the value; called again only after a failure. */
  constructor(private readonly compute: () => Promise<T>) {}

  /** The value: the shared computation, started on first call. Rejects with the computation's error. */
  get(): Promise<T> {
    this.value ??= this.compute().catch((error: unknown) => {
      this.value = undefined;
      throw error;
    });
    return this.value;
  }
}
