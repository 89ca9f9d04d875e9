/**
 * A stand-in on a stopped server's port that takes each connection and drops
 * it at once, counting them: a test can tell a client has tried to reach the
 * server (and found it down) before it brings the server back.
 */
import { createServer } from 'node:net'

export type RefusingPort = {
  /** Connections taken and dropped so far. */
  readonly attempts: () => number
  close(): Promise<void>
}

export async function refuseOnPort(port: number): Promise<RefusingPort> {
  let attempts = 0
  const server = createServer((socket) => {
    attempts++
    socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
