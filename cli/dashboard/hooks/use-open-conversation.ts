/**
 * Keeps the opened conversation open in the client — connected, with this
 * agent present as viewing, and typing while `isTyping` — and closes it when
 * another is opened or the dashboard goes.
 */
import { useEffect, useRef } from 'react'
import type { ConversationHandle } from '../../client/huddle-client.js'
import type { DashboardSource } from '../dashboard-source.js'

export function useOpenConversation(source: DashboardSource, id: string | null, isTyping: boolean, onError: (error: unknown) => void): void {
  const handle = useRef<ConversationHandle | null>(null)
  const typing = useRef(isTyping)
  typing.current = isTyping
  useEffect(() => {
    if (id === null) return
    let isCurrent = true
    source.actions.openConversation(id).then(
      (opened) => {
        if (!isCurrent) return opened.close()
        handle.current = opened
        if (typing.current) opened.setTyping(true)
      },
      (error: unknown) => isCurrent && onError(error),
    )
    return () => {
      isCurrent = false
      handle.current?.close()
      handle.current = null
    }
  }, [source, id])
  useEffect(() => {
    handle.current?.setTyping(isTyping)
  }, [isTyping])
}
