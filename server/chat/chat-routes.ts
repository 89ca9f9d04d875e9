/**
 * The web chat's HTTP endpoints (docs/design.md, "Web chat"): the widget's
 * files and page, and the visitor API under `/chat/<key>/api/`, where a
 * visitor authenticates with `Authorization: Visitor <id>.<secret>` and sees
 * only their own conversation. Live updates are server-sent events, with a
 * cap on the streams open per visitor and in all (stream-slots.ts).
 */
import type { ServerResponse } from 'node:http'
import { clientAddressKey } from '../../core/client-address.js'
import type { ApiTools } from '../http/api-tools.js'
import { parseNewVisitor, parseVisitorPost } from '../../core/http-contract/chat-contract.js'
import { readJson } from '../http/request-body.js'
import { json, type Reply, type RequestContext, type Router } from '../http/router.js'
import type { ChatService } from './chat-service.js'
import { PAGE_HEADERS, WIDGET_FILES, widgetFile, widgetPage, type WidgetFile } from './widget-assets.js'

/** Visitors' bodies are small: a name, or a message of at most 2,000 characters. */
const MAX_VISITOR_BODY = 16 * 1024
const HEARTBEAT_MS = 15_000

export function addChatRoutes(router: Router, api: ApiTools, chat: ChatService): void {
  const log = api.deps.log

  for (const name of Object.keys(WIDGET_FILES) as WidgetFile[])
    router.add('GET', `/chat/${name}`, async () => ({
      kind: 'text',
      status: 200,
      contentType: WIDGET_FILES[name],
      body: widgetFile(name),
      headers: { 'X-Content-Type-Options': 'nosniff' },
    }))

  router.add('GET', '/chat/:key', async (ctx): Promise<Reply> => {
    chat.assertWidget(ctx.params.key!)
    return { kind: 'text', status: 200, contentType: 'text/html; charset=utf-8', body: widgetPage(ctx.params.key!), headers: PAGE_HEADERS }
  })

  router.add('POST', '/chat/:key/api/visitors', async (ctx) => {
    const { name } = parseNewVisitor(await readJson(ctx.req, MAX_VISITOR_BODY))
    return json(await chat.createVisitor(ctx.params.key!, name, clientOf(ctx)))
  })

  const visitorOf = (ctx: RequestContext) => chat.authenticate(ctx.params.key!, ctx.req.headers.authorization)

  router.add('GET', '/chat/:key/api/conversation', async (ctx) => {
    const visitor = await visitorOf(ctx)
    const { id, name } = chat.visitor(visitor)
    return json({ visitor: { id, name }, messages: await chat.messages(visitor.id) })
  })

  router.add('POST', '/chat/:key/api/messages', async (ctx) => {
    const visitor = await visitorOf(ctx)
    return json(await chat.post(visitor, parseVisitorPost(await readJson(ctx.req, MAX_VISITOR_BODY))))
  })

  router.add('GET', '/chat/:key/api/events', async (ctx): Promise<Reply> => {
    const visitor = await visitorOf(ctx)
    const release = chat.openStream(visitor.id, clientOf(ctx))
    return { kind: 'stream', start: (res) => streamEvents(res, chat, visitor.id, release, log) }
  })
}

/** The client's address as per-address limits count it; the socket's own, as a forwarded-for header could be anything. */
function clientOf(ctx: RequestContext): string {
  return clientAddressKey(ctx.req.socket.remoteAddress ?? 'unknown')
}

/** Sends the visitor's messages as `event: messages` (all at first, then what is new) until the client goes, then frees its slot. */
function streamEvents(res: ServerResponse, chat: ChatService, visitorId: string, release: () => void, log: ((line: string) => void) | undefined): void {
  // The client may have gone while it was being authenticated: its `close` has passed, and would never free the slot.
  if (res.destroyed) {
    release()
    return
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  const sent = new Set<string>()
  let isOpen = true
  let turn: Promise<void> = Promise.resolve()
  // One read at a time, so two quick changes never send a message twice.
  const push = (): void => {
    turn = turn
      .then(async () => {
        if (!isOpen) return
        const fresh = (await chat.messages(visitorId)).filter((m) => !sent.has(m.id))
        if (!isOpen || (fresh.length === 0 && sent.size > 0)) return
        for (const m of fresh) sent.add(m.id)
        res.write(`event: messages\ndata: ${JSON.stringify({ messages: fresh })}\n\n`)
      })
      .catch((error: unknown) => log?.(`Chat events for ${visitorId} failed: ${error instanceof Error ? error.message : String(error)}`))
  }
  const unsubscribe = chat.subscribe(visitorId, push)
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
  res.on('close', () => {
    isOpen = false
    clearInterval(heartbeat)
    unsubscribe()
    release()
  })
  push()
}
