/**
 * A TCP proxy in front of a real server whose connection can be cut for a
 * while: every open connection is destroyed and new ones are refused until
 * the cut ends, as when the network between a node and Redis fails.
 */
import { createConnection, createServer, type Socket } from 'node:net'

export type CuttableProxy = {
  readonly port: number
  /** Cuts every connection now and refuses new ones for `ms`; resolves when they are let through again. */
  cut(ms: number): Promise<void>
  close(): Promise<void>
}

export async function startCuttableProxy(targetPort: number): Promise<CuttableProxy> {
  const open = new Set<Socket>()
  let isCut = false
  const server = createServer((client) => {
    if (isCut) return void client.destroy()
    const upstream = createConnection({ port: targetPort, host: '127.0.0.1' })
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port')
  return {
    port: address.port,
    async cut(ms) {
      isCut = true
      for (const socket of open) socket.destroy()
      await new Promise((resolve) => setTimeout(resolve, ms))
      isCut = false
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
