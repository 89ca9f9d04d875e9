import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OrgDoc } from '../../../core/org-doc.js'
import { startApi, type ApiFixture } from './api-fixture.js'

let api: ApiFixture
let agentToken: string

beforeEach(async () => {
  api = await startApi()
  agentToken = (await api.call('POST', '/api/v1/users', { body: { id: 'alice', name: 'Alice', licences: ['whatsapp'] } })).body.token
})

afterEach(async () => {
  await api.close()
})

const shipped = { name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} has shipped.' }

describe('/api/v1/templates', () => {
  it('adds a template (structured by default), lists it and publishes it to agents', async () => {
    const added = await api.call('POST', '/api/v1/templates', { body: shipped })
    expect(added.status).toBe(200)
    expect(added.body).toEqual({ ...shipped, kind: 'structured', placeholders: ['name', 'order'] })
    expect((await api.call('GET', '/api/v1/templates')).body).toEqual([added.body])
    expect(new OrgDoc(api.hub.doc('org')).readTemplates()).toEqual({ order_shipped: added.body })
  })

  it('edits and removes a template, and the org document follows', async () => {
    await api.call('POST', '/api/v1/templates', { body: shipped })
    const edited = await api.call('PATCH', '/api/v1/templates/order_shipped', { body: { body: 'Order {{order}} is on its way.', kind: 'flexible' } })
    expect(edited.body).toMatchObject({ kind: 'flexible', placeholders: ['order'] })
    expect(new OrgDoc(api.hub.doc('org')).readTemplates().order_shipped?.body).toBe('Order {{order}} is on its way.')
    expect((await api.call('DELETE', '/api/v1/templates/order_shipped')).body).toEqual({ removed: 'order_shipped' })
    expect(new OrgDoc(api.hub.doc('org')).readTemplates()).toEqual({})
  })

  it('reports every problem of a template at once', async () => {
    const answer = await api.call('POST', '/api/v1/templates', { body: { name: 'Bad', channel: 'fax', body: '{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}' } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.problems).toHaveLength(3)
  })

  it('refuses a duplicate with 409 and an unknown template with 404', async () => {
    await api.call('POST', '/api/v1/templates', { body: shipped })
    expect((await api.call('POST', '/api/v1/templates', { body: shipped })).status).toBe(409)
    expect((await api.call('PATCH', '/api/v1/templates/missing', { body: { body: 'x' } })).status).toBe(404)
    expect((await api.call('DELETE', '/api/v1/templates/missing')).status).toBe(404)
  })

  it('refuses fields it does not take', async () => {
    const answer = await api.call('POST', '/api/v1/templates', { body: { ...shipped, language: 'en' } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('Field `language` is not accepted here')
  })

  it('is changed by settings admins only, saying what is missing', async () => {
    const answer = await api.call('POST', '/api/v1/templates', { token: agentToken, body: shipped })
    expect(answer.status).toBe(403)
    expect(answer.body.error.message).toContain('the `admin` permission (you have `basic`)')
  })

  it('is listed to any licensed agent, since agents reply with templates, and refused to a user without a licence', async () => {
    await api.call('POST', '/api/v1/templates', { body: shipped })
    const listed = await api.call('GET', '/api/v1/templates', { token: agentToken })
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject([{ name: 'order_shipped' }])
    const unlicensedToken = (await api.call('POST', '/api/v1/users', { body: { id: 'una', name: 'Una', licences: [] } })).body.token
    const refused = await api.call('GET', '/api/v1/templates', { token: unlicensedToken })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toBe('Listing templates needs a digital licence (sms, whatsapp or chat); `una` lacks it. Ask an admin to run `huddle user edit una`.')
  })
})
