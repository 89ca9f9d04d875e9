// The huddle web chat widget, served at /chat/widget.js for the page /chat/<key>.
// Plain browser JavaScript without dependencies. Everything a visitor or an
// agent writes is put on the page with textContent, never parsed as HTML.
// The visitor's id and secret stay in this origin's localStorage.
;(() => {
  'use strict'
  const body = document.body
  const key = body.dataset.widgetKey
  const api = body.dataset.api
  const storageKey = `huddle-chat:${key}`
  const log = document.getElementById('chat-log')
  const start = document.getElementById('chat-start')
  const compose = document.getElementById('chat-compose')
  const text = document.getElementById('chat-body')
  const status = document.getElementById('chat-status')
  const errorLine = document.getElementById('chat-error')
  /** Rendered messages by server id, and visitor messages also by their own (client) id. */
  const shown = new Map()
  let session = load()
  let stream = null
  let retryMs = 1000

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) || 'null')
      return saved && typeof saved.visitor === 'string' && typeof saved.secret === 'string' ? saved : null
    } catch {
      return null
    }
  }

  function save(value) {
    session = value
    try {
      if (value) localStorage.setItem(storageKey, JSON.stringify(value))
      else localStorage.removeItem(storageKey)
    } catch {
      // Storage blocked (private mode, third-party iframe): the chat lasts as long as the page.
    }
  }

  function auth() {
    return { Authorization: `Visitor ${session.visitor}.${session.secret}` }
  }

  function showError(message) {
    errorLine.textContent = message
    errorLine.hidden = !message
  }

  function timeOf(ms) {
    const d = new Date(ms)
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  }

  function render(message, state) {
    const existing = shown.get(message.id) || (message.clientId && shown.get(`c:${message.clientId}`))
    if (existing) {
      existing.classList.remove('pending', 'failed')
      if (state) existing.classList.add(state)
      shown.set(message.id, existing)
      return existing
    }
    const item = document.createElement('li')
    item.className = `msg msg-${message.from}${state ? ` ${state}` : ''}`
    const who = document.createElement('span')
    who.className = 'msg-name'
    who.textContent = message.from === 'visitor' ? 'You' : message.name || 'Agent'
    const words = document.createElement('p')
    words.className = 'msg-body'
    words.textContent = message.body
    const when = document.createElement('time')
    when.className = 'msg-time'
    when.dateTime = new Date(message.at).toISOString()
    when.textContent = timeOf(message.at)
    item.append(who, words, when)
    log.append(item)
    shown.set(message.id, item)
    if (message.clientId) shown.set(`c:${message.clientId}`, item)
    log.scrollTop = log.scrollHeight
    return item
  }

  function showComposer() {
    start.hidden = true
    compose.hidden = false
    text.focus()
  }

  function showStart() {
    compose.hidden = true
    start.hidden = false
  }

  function forget() {
    save(null)
    if (stream) stream.abort()
    stream = null
    log.replaceChildren()
    shown.clear()
    showStart()
  }

  async function call(method, path, payload) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(session ? auth() : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    })
    const answer = await response.json().catch(() => ({}))
    if (response.status === 401) {
      forget()
      throw new Error('Your chat session has ended; start a new one.')
    }
    if (!response.ok) throw new Error((answer.error && answer.error.message) || `The chat is unavailable (${response.status}).`)
    return answer
  }

  function randomId() {
    const bytes = new Uint8Array(12)
    crypto.getRandomValues(bytes)
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }

  function handleEvent(block) {
    let type = 'message'
    let data = ''
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim()
      else if (line.startsWith('data:')) data += line.slice(5).trim()
    }
    if (type !== 'messages' || !data) return
    for (const message of JSON.parse(data).messages) render(message)
  }

  async function listen() {
    if (!session || stream) return
    const controller = new AbortController()
    stream = controller
    // The server's sentence when it refused the stream (too many chat windows open, or the chat full), shown while retrying.
    let refusal = ''
    try {
      const response = await fetch(`${api}/events`, { headers: auth(), signal: controller.signal })
      if (response.status === 401) {
        forget()
        return
      }
      if (!response.ok || !response.body) {
        const answer = await response.json().catch(() => ({}))
        refusal = (answer.error && typeof answer.error.message === 'string' && answer.error.message) || ''
        throw new Error(`events answered ${response.status}`)
      }
      status.textContent = 'Connected. We usually answer within minutes.'
      body.dataset.connected = 'true'
      retryMs = 1000
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handleEvent(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return
    } finally {
      if (stream === controller) stream = null
      body.dataset.connected = 'false'
    }
    if (!session || controller.signal.aborted) return
    status.textContent = refusal || 'Reconnecting…'
    setTimeout(listen, retryMs)
    retryMs = Math.min(retryMs * 2, 15000)
  }

  start.addEventListener('submit', async (event) => {
    event.preventDefault()
    showError('')
    const name = document.getElementById('chat-name').value.trim()
    try {
      const created = await call('POST', '/visitors', name ? { name } : {})
      save({ visitor: created.visitor, secret: created.secret, name: created.name })
      showComposer()
      void listen()
    } catch (error) {
      showError(error.message)
    }
  })

  async function send() {
    const words = text.value.trim()
    if (!words) return
    showError('')
    const clientId = randomId()
    const item = render({ id: `c:${clientId}`, clientId, from: 'visitor', name: null, body: words, at: Date.now() }, 'pending')
    text.value = ''
    try {
      const answer = await call('POST', '/messages', { body: words, id: clientId })
      render(answer.message)
    } catch (error) {
      item.classList.remove('pending')
      item.classList.add('failed')
      text.value = words
      showError(error.message)
    }
  }

  compose.addEventListener('submit', (event) => {
    event.preventDefault()
    void send()
  })
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      void send()
    }
  })

  if (session) {
    showComposer()
    void listen()
  } else showStart()
})()
