// The bounded set of shards a reader holds: least recently used first out, so memory is a function
// of the budget, never of the dataset. Shared by the dataset and the teacher-feature readers.

export class ShardCache<K, V> {
  private readonly resident = new Map<K, Promise<V>>();
  /** The most shards resident at once. */
  peak = 0;

  constructor(readonly budget: number) {
    if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`shard budget must be a positive integer, got ${budget}`);
  }

  /** Shards held now. */
  get size(): number {
    return this.resident.size;
  }

  /** The shard under `key`, read by `load` unless held; a failed read is not kept. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const held = this.resident.get(key);
    if (held) {
      // Re-insert: Map order is the eviction order, least recently used first.
      this.resident.delete(key);
      this.resident.set(key, held);
      return held;
    }
    const loading = load();
    this.resident.set(key, loading);
    loading.catch(() => {
      if (this.resident.get(key) === loading) this.resident.delete(key);
    });
    for (const oldest of this.resident.keys()) {
      if (this.resident.size <= this.budget) break;
      this.resident.delete(oldest);
    }
    this.peak = Math.max(this.peak, this.resident.size);
    return loading;
  }
}
