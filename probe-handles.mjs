import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { spawn } from 'node:child_process'
const dir = mkdtempSync('/tmp/probe-h-')
const srv = spawn(process.execPath, ['dist/cli/main.js', 'serve', '--port', '0', '--data', dir], { env: { ...process.env, HUDDLE_ADMIN_TOKEN: 'hud_probe-token-123' } })
let out = ''
const url = await new Promise((res) => srv.stdout.on('data', (c) => { out += c; const m = /Listening on (\S+)/.exec(out); if (m) res(m[1]) }))
const port = Number(new URL(url).port)
const socket = connect(port, '127.0.0.1')
socket.write(`GET /sync/org?token=hud_probe-token-123 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
await new Promise((r) => socket.once('data', r))
await new Promise((r) => setTimeout(r, 300))
const t = Date.now()
srv.kill('SIGTERM')
srv.on('exit', (code) => { console.log('exit', code, 'after', Date.now() - t, 'ms'); socket.destroy(); process.exit(0) })
