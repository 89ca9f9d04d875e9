/**
 * A web chat visitor driven over HTTP, as the widget drives it: create the
 * visitor, post messages, read the conversation, and follow the server-sent
 * events. Used by the chat tests and the channels benchmark's shape.
 */
export type VisitorMessage = { id: string; from: 'visitor' | 'agent'; name: string | null; body: string; at: number; clientId?: string }

export type ChatVisitor = {
  readonly id: string
  readonly secret: string
  readonly authorization: string
  post(body: string, id?: string): Promise<Response>
  conversation(): Promise<Response>
  events(): Promise<EventFeed>
}

export type EventFeed = {
  /** Every message received so far, in order. */
  readonly received: VisitorMessage[]
  /** Resolves once a received message satisfies `check`. */
  until(check: (m: VisitorMessage) => boolean, timeoutMs?: number): Promise<VisitorMessage>
  close(): void
}

export async function startVisitor(server: string, key: string, name?: string): Promise<ChatVisitor> {
  const base = `${server}/chat/${encodeURIComponent(key)}/api`
  const created = await fetch(`${base}/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(name ? { name } : {}) })
  if (!created.ok) throw new Error(`Creating a visitor answered ${created.status}: ${await created.text()}`)
  const { visitor, secret } = (await created.json()) as { visitor: string; secret: string }
  return visitorWith(base, visitor, secret)
}

export function visitorWith(base: string, id: string, secret: string): ChatVisitor {
  const authorization = `Visitor ${id}.${secret}`
  const headers = { authorization, 'content-type': 'application/json' }
  return {
    id,
    secret,
    authorization,
    post: (body, clientId) => fetch(`${base}/messages`, { method: 'POST', headers, body: JSON.stringify(clientId ? { body, id: clientId } : { body }) }),
    conversation: () => fetch(`${base}/conversation`, { headers }),
    events: () => followEvents(`${base}/events`, authorization),
  }
}

async function followEvents(url: string, authorization: string): Promise<EventFeed> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { authorization }, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`Events answered ${response.status}: ${await response.text()}`)
  const received: VisitorMessage[] = []
  const waiters = new Set<() => void>()
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = block.split('\n').find((l) => l.startsWith('data:'))
          if (block.includes('event: messages') && data) received.push(...(JSON.parse(data.slice(5)) as { messages: VisitorMessage[] }).messages)
          for (const wake of [...waiters]) wake()
        }
      }
    } catch {
      // Closed by the test.
    }
  })()
  return {
    received,
    until(check, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const found = (): boolean => {
          const hit = received.find(check)
          if (!hit) return false
          waiters.delete(wake)
          clearTimeout(timer)
          resolve(hit)
          return true
        }
        const wake = (): void => void found()
        const timer = setTimeout(() => {
          waiters.delete(wake)
          reject(new Error(`No matching chat event within ${timeoutMs} ms; received ${JSON.stringify(received)}`))
        }, timeoutMs)
        waiters.add(wake)
        found()
      })
    },
    close: () => controller.abort(),
  }
}
