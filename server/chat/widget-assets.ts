/**
 * The chat widget's files (server/chat/assets/: the page's script and style,
 * and the embed script websites include), read once from the package, and
 * the widget page itself. The page runs no inline script: its
 * Content-Security-Policy allows only same-origin scripts, styles and
 * connections, and every message is rendered as text.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WIDGET_FILES = {
  'widget.js': 'text/javascript; charset=utf-8',
  'widget.css': 'text/css; charset=utf-8',
  'embed.js': 'text/javascript; charset=utf-8',
} as const

export type WidgetFile = keyof typeof WIDGET_FILES

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

const cache = new Map<WidgetFile, string>()

/** The folder of the assets: beside this file in the sources, found from the package root when running the build. */
function assetsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = existsSync(join(dir, 'assets', 'widget.js')) ? join(dir, 'assets') : join(dir, 'server', 'chat', 'assets')
    if (existsSync(join(candidate, 'widget.js'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error('The chat widget files (server/chat/assets) are missing from this installation.')
    dir = parent
  }
}

export function widgetFile(name: WidgetFile): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(join(assetsFolder(), name), 'utf8')
    cache.set(name, text)
  }
  return text
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The widget page for a widget key (already checked against the key grammar). */
export function widgetPage(key: string): string {
  const base = `/chat/${encodeURIComponent(key)}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat</title>
<link rel="stylesheet" href="/chat/widget.css">
</head>
<body data-widget-key="${escapeHtml(key)}" data-api="${escapeHtml(base)}/api">
<main id="huddle-chat" class="chat" aria-live="polite">
  <header class="chat-header"><h1>Chat with us</h1><p class="chat-status" id="chat-status">We usually answer within minutes.</p></header>
  <ol class="chat-log" id="chat-log"></ol>
  <form class="chat-start" id="chat-start" hidden>
    <label for="chat-name">Your name <span>(optional)</span></label>
    <input id="chat-name" name="name" maxlength="80" autocomplete="name">
    <button type="submit">Start chat</button>
  </form>
  <form class="chat-compose" id="chat-compose" hidden>
    <label for="chat-body" class="visually-hidden">Message</label>
    <textarea id="chat-body" name="body" maxlength="2000" rows="2" placeholder="Write a message…" required></textarea>
    <button type="submit">Send</button>
  </form>
  <p class="chat-error" id="chat-error" role="alert" hidden></p>
</main>
<script src="/chat/widget.js"></script>
</body>
</html>
`
}
