/**
 * Every key huddle uses in Redis (docs/design.md, "Cluster mode"). A
 * document's keys share the hash tag `{<name>}`, so the scripts that touch
 * two of them stay on one shard should Redis ever be sharded.
 */
export const REDIS_KEYS = {
  /** The document's log: a stream of entries `<seq>-0`. */
  log: (doc: string): string => `huddle:doc:{${doc}}:log`,
  /** The document's snapshot: `seq`, `data`. */
  snapshot: (doc: string): string => `huddle:doc:{${doc}}:snap`,
  /** Who writes with each client id in the document: client id → user id. */
  owners: (doc: string): string => `huddle:doc:{${doc}}:owners`,
  /** Record values by key. */
  records: 'huddle:records',
  /** Record keys, all at score 0 so that they sort bytewise (ZRANGEBYLEX). */
  recordKeys: 'huddle:record-keys',
  /** Published with the writing node's id after every records batch. */
  recordsChanged: 'huddle:records-changed',
  /** Presence changes, published by the node whose client made them. */
  awareness: 'huddle:awareness',
  /** A live node: set with a short expiry and renewed by its heartbeat. */
  node: (id: string): string => `huddle:node:${id}`,
  nodePattern: 'huddle:node:*',
} as const
