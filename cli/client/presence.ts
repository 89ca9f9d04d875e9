/**
 * Presence in a conversation, from the awareness of its document: who else
 * is viewing it and who is typing. The server stamps every state with the
 * authenticated `user`, so nobody can appear as someone else.
 *
 * A state this client publishes: `{ viewing: true, typing: boolean }`.
 */
import type { Awareness } from 'y-protocols/awareness'
import type { ConversationHandle } from './client-types.js'

export type PresenceEntry = { readonly user: { readonly id: string; readonly name: string }; readonly isTyping: boolean }

export type LocalPresence = { readonly viewing: boolean; readonly typing: boolean }

/** Everyone else present on the document, one entry per user, typing if any of their clients is. */
export function presenceOf(awareness: Awareness, me: string | null): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>()
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID || typeof state !== 'object' || state === null) continue
    const user = (state as { user?: unknown }).user
    if (typeof user !== 'object' || user === null) continue
    const { id, name } = user as { id?: unknown; name?: unknown }
    if (typeof id !== 'string' || id === me) continue
    const isTyping = (state as { typing?: unknown }).typing === true
    const known = byUser.get(id)
    byUser.set(id, { user: { id, name: typeof name === 'string' ? name : id }, isTyping: isTyping || (known?.isTyping ?? false) })
  }
  return [...byUser.values()].sort((a, b) => (a.user.id < b.user.id ? -1 : 1))
}

/**
 * Shows this user viewing a conversation, typing when told, until the handle
 * is closed; `awareness` is its document's current connection's (none while
 * it is not connected), `onClose` lets the connection go.
 */
export function presenceHandle(id: string, awareness: () => Awareness | undefined, onClose: () => void): ConversationHandle {
  const publish = (typing: boolean | null): void => awareness()?.setLocalState(typing === null ? null : ({ viewing: true, typing } satisfies LocalPresence))
  publish(false)
  let isOpen = true
  return {
    id,
    setTyping: (isTyping) => {
      if (isOpen) publish(isTyping)
    },
    close: () => {
      if (!isOpen) return
      isOpen = false
      publish(null)
      onClose()
    },
  }
}
