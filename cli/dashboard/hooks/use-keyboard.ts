/**
 * The dashboard's input: keys as Ink's useInput reports them, and bracketed
 * pastes taken whole as text (see paste.ts), so that no part of a paste ever
 * reaches the key handler.
 */
import { useInput, useStdin, type Key } from 'ink'
import { useEffect, useRef } from 'react'
import { PasteReader } from '../paste.js'

type Emit = (event: string | symbol, ...args: unknown[]) => boolean

export function useKeyboard(onKey: (input: string, key: Key) => void, onPaste: (text: string) => void): void {
  const { internal_eventEmitter: events } = useStdin()
  const paste = useRef(onPaste)
  paste.current = onPaste
  useEffect(() => {
    const reader = new PasteReader()
    const emit: Emit = events.emit
    // Ink hands every input event to its listeners through this emitter; a
    // paste is taken out before any of them sees it: useInput's parser would
    // read its letters as keys, and throws on some escape sequences in it.
    const filtered: Emit = function (this: unknown, event, ...args) {
      const input = args[0]
      if (event !== 'input' || typeof input !== 'string') return emit.call(this, event, ...args)
      const step = reader.take(input)
      if (step.kind === 'key') return emit.call(this, event, ...args)
      if (step.kind === 'paste') paste.current(step.text)
      return true
    }
    events.emit = filtered
    return () => {
      events.emit = emit
    }
  }, [events])
  useInput(onKey)
}
