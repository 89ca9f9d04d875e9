/**
 * The bulk claims made on this computer, kept in the replica until their
 * notice is reported: which claim event went to which conversation and which
 * action carries it, so the claims that lost are told together, once every
 * one of them reached the server (see bulk-notices.ts).
 */
import { META, type ReplicaStore } from './replica-store.js'

/** One conversation of a bulk claim: the claim's event and the action that carries it. */
export type BulkClaimPart = { readonly conversation: string; readonly event: string; readonly action: string }

export type BulkClaim = { readonly id: string; readonly at: number; readonly parts: readonly BulkClaimPart[] }

export class BulkLog {
  private readonly claims = new Map<string, BulkClaim>()

  private constructor(private readonly store: ReplicaStore) {}

  static async load(store: ReplicaStore): Promise<BulkLog> {
    const log = new BulkLog(store)
    for (const [, claim] of await store.listMeta<BulkClaim>(META.bulkPrefix)) log.claims.set(claim.id, claim)
    return log
  }

  add(claim: BulkClaim): void {
    this.claims.set(claim.id, claim)
    this.store.putMeta(META.bulk(claim.id), claim)
  }

  isEmpty(): boolean {
    return this.claims.size === 0
  }

  list(): BulkClaim[] {
    return [...this.claims.values()]
  }

  remove(id: string): void {
    if (this.claims.delete(id)) this.store.deleteMeta(META.bulk(id))
  }
}
