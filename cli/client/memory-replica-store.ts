/** A ReplicaStore in memory: for a command while another huddle process holds the replica on disk, and for tests and benchmarks of what does not need a disk. */
import type { ReplicaStore } from './replica-store.js'

export class MemoryReplicaStore implements ReplicaStore {
  private readonly docs = new Map<string, Uint8Array[]>()
  private readonly meta = new Map<string, string>()

  async docNames(): Promise<string[]> {
    return [...this.docs.keys()].sort()
  }

  async loadDoc(name: string): Promise<Uint8Array[]> {
    return [...(this.docs.get(name) ?? [])]
  }

  appendUpdate(name: string, update: Uint8Array): void {
    const list = this.docs.get(name) ?? []
    list.push(update)
    this.docs.set(name, list)
  }

  compactDoc(name: string, snapshot: Uint8Array): void {
    this.docs.set(name, [snapshot])
  }

  removeDoc(name: string): void {
    this.docs.delete(name)
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    const text = this.meta.get(key)
    return text === undefined ? undefined : (JSON.parse(text) as T)
  }

  async listMeta<T>(prefix: string): Promise<Array<readonly [string, T]>> {
    return [...this.meta.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, text]) => [key, JSON.parse(text) as T] as const)
  }

  putMeta(key: string, value: unknown): void {
    this.meta.set(key, JSON.stringify(value))
  }

  deleteMeta(key: string): void {
    this.meta.delete(key)
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
