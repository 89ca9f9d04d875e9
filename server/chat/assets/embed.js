// Embeds the huddle chat widget in any website:
//   <script src="https://<your huddle server>/chat/embed.js" data-widget-key="KEY" async></script>
// It adds a chat button that opens the widget in an iframe served by huddle,
// so the visitor's credentials stay out of reach of the host page's scripts.
;(() => {
  'use strict'
  const script = document.currentScript
  const key = script && script.dataset.widgetKey
  if (!key) {
    console.error('huddle chat: add data-widget-key="KEY" to the script tag that loads embed.js.')
    return
  }
  const origin = new URL(script.src).origin
  const frame = document.createElement('iframe')
  frame.src = `${origin}/chat/${encodeURIComponent(key)}`
  frame.title = 'Chat'
  frame.hidden = true
  frame.style.cssText =
    'position:fixed;right:20px;bottom:84px;width:380px;height:560px;max-width:calc(100vw - 40px);max-height:calc(100vh - 110px);border:0;border-radius:14px;box-shadow:0 12px 32px rgba(16,24,40,.25);z-index:2147483646;background:#fff'
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = 'Chat with us'
  button.setAttribute('aria-expanded', 'false')
  button.style.cssText =
    'position:fixed;right:20px;bottom:20px;padding:12px 18px;border:0;border-radius:24px;background:#2d5bd7;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 6px 16px rgba(16,24,40,.25);z-index:2147483647'
  button.addEventListener('click', () => {
    frame.hidden = !frame.hidden
    button.setAttribute('aria-expanded', String(!frame.hidden))
  })
  const mount = () => document.body.append(frame, button)
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount)
})()
