/**
 * How presence crosses cluster nodes (docs/design.md, "Cluster mode"): the
 * sync server publishes what its own clients change and integrates what
 * other nodes publish, and drops a node's presences once it is gone.
 * Implemented on Redis pub/sub (server/cluster/awareness-channel.ts); one
 * process has none. Presence is fleeting, so at-most-once delivery is
 * enough: clients renew their state every 15 s.
 */
export interface AwarenessBus {
  /** Tells the other nodes of an awareness update (y-protocols encoding) made by this node's clients. */
  publish(doc: string, update: Uint8Array): void
  /** Asks the nodes holding `doc` to publish their clients' states (this node just loaded it). */
  query(doc: string): void
  /** Calls `listener` with each update another node publishes; `node` is who. */
  onUpdate(listener: (doc: string, node: string, update: Uint8Array) => void): void
  /** Calls `listener` when another node asks for the states of `doc`. */
  onQuery(listener: (doc: string) => void): void
  /** Calls `listener` when a node stopped (its heartbeat expired): its clients' presences go. */
  onNodeGone(listener: (node: string) => void): void
}
