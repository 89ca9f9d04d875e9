/**
 * Threading: which conversation a customer message joins. Routing runs only
 * for a new conversation; a later message from the same contact on the same
 * channel to the same address joins the open one wherever it now is. After an
 * archived one, the inbox's setting decides: reopen it, or start a new
 * conversation linked to it.
 */

export type ThreadKey = { readonly channel: string; readonly contact: string; readonly address: string }

/** The contact's most recent conversation on this key, as the server indexes it. */
export type LatestConversation = {
  readonly id: string
  readonly status: 'open' | 'archived'
  readonly reopenArchived: boolean
}

export type ThreadDecision =
  | { readonly kind: 'join'; readonly conversation: string }
  | { readonly kind: 'reopen'; readonly conversation: string }
  | { readonly kind: 'new'; readonly linkedTo: string | null }

export function threadKey(key: ThreadKey): string {
  return `${key.channel}\u0000${key.address}\u0000${key.contact.toLowerCase()}`
}

export function decideThread(latest: LatestConversation | null): ThreadDecision {
  if (latest === null) return { kind: 'new', linkedTo: null }
  if (latest.status === 'open') return { kind: 'join', conversation: latest.id }
  return latest.reopenArchived ? { kind: 'reopen', conversation: latest.id } : { kind: 'new', linkedTo: latest.id }
}
