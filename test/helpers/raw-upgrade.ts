/**
 * Sends a WebSocket upgrade for a path exactly as written (no URL
 * normalisation, unlike WebSocket clients) and reports how the server
 * answered: its HTTP status line, or `close <code>` once upgraded.
 */
import { connect } from 'node:net'

export async function rawUpgrade(baseUrl: string, path: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl)
  const socket = connect(Number(port), hostname)
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  )
  let received = Buffer.alloc(0)
  return new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const headerEnd = received.indexOf('\r\n\r\n')
      if (headerEnd < 0) return
      const status = received.subarray(0, received.indexOf('\r\n')).toString()
      if (!status.includes(' 101 ')) {
        socket.destroy()
        return resolve(status)
      }
      // Look for a close frame (opcode 8) among the frames after the headers.
      let offset = headerEnd + 4
      while (offset + 2 <= received.length) {
        const opcode = received[offset]! & 0x0f
        let length = received[offset + 1]! & 0x7f
        let start = offset + 2
        if (length === 126) {
          length = received.readUInt16BE(start)
          start += 2
        }
        if (start + length > received.length) return
        if (opcode === 8) {
          socket.destroy()
          return resolve(`close ${received.readUInt16BE(start)}`)
        }
        offset = start + length
      }
    })
  })
}
