/**
 * Carrier webhooks: `POST /webhooks/sms` and `/webhooks/whatsapp` (inbound
 * messages) and `/webhooks/status` (delivery receipts), form-encoded, signed
 * with `X-Twilio-Signature` when a secret is configured. They answer an empty
 * TwiML `<Response/>` once the message is durably stored.
 */
import { HuddleError } from '../../core/errors.js'
import type { Channel } from '../../core/users.js'
import { parseInbound } from '../../core/inbound-message.js'
import type { ApiTools } from './api-tools.js'
import type { Reply, RequestContext, Router } from './router.js'

const EMPTY_TWIML: Reply = {
  kind: 'text',
  status: 200,
  contentType: 'text/xml; charset=utf-8',
  body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
}

export const SIGNATURE_HEADER = 'x-twilio-signature'

/** The URL the carrier signed: the configured public URL, else what the Host header says. */
export function signedUrl(ctx: RequestContext, publicUrl: string | undefined): string {
  const path = ctx.req.url ?? '/'
  if (publicUrl !== undefined) return publicUrl.replace(/\/+$/, '') + path
  return `http://${ctx.req.headers.host ?? 'localhost'}${path}`
}

export function addWebhookRoutes(router: Router, api: ApiTools, verify: (ctx: RequestContext, params: URLSearchParams) => void): void {
  const { inbound, outbound } = api.deps

  const readSigned = async (ctx: RequestContext): Promise<URLSearchParams> => {
    const params = await api.form(ctx)
    verify(ctx, params)
    return params
  }

  const messageWebhook = (channel: Channel) => async (ctx: RequestContext): Promise<Reply> => {
    const params = await readSigned(ctx)
    const body = params.get('Body') ?? ''
    await inbound.receive(
      parseInbound({
        channel,
        from: params.get('From') ?? undefined,
        to: params.get('To') ?? undefined,
        // A media-only message has no text; keep it visible rather than refuse it.
        body: body.trim() === '' ? '(message without text)' : body,
        id: params.get('MessageSid') ?? undefined,
        name: params.get('ProfileName') ?? undefined,
      }, 'relay'),
    )
    return EMPTY_TWIML
  }

  router.add('POST', '/webhooks/sms', messageWebhook('sms'))
  router.add('POST', '/webhooks/whatsapp', messageWebhook('whatsapp'))

  router.add('POST', '/webhooks/status', async (ctx) => {
    const params = await readSigned(ctx)
    const messageSid = params.get('MessageSid')
    const status = params.get('MessageStatus')
    if (!messageSid || !status)
      throw new HuddleError('invalid', 'A status receipt needs the form fields `MessageSid` and `MessageStatus`.')
    const code = params.get('ErrorCode')
    const error = params.get('ErrorMessage') || (code ? `carrier error ${code}` : undefined)
    await outbound.receiveStatus({ messageSid, status, ...(error ? { error } : {}) })
    return EMPTY_TWIML
  })
}
