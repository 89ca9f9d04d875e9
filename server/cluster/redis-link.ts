/**
 * The node's connections to Redis, through the maintained `redis` client:
 * one for commands, one for the log reader's blocking reads, one for
 * pub/sub. Replies come back with their bulk strings as Buffers, so update
 * bytes arrive unchanged; commands are sent as argument lists, the one form
 * every command (streams, scripts, MULTI) shares. Connections that drop are
 * re-established by the client, commands meanwhile wait in its queue.
 */
import { createClient, RESP_TYPES } from 'redis'
import { HuddleError } from '../../core/errors.js'

export type RedisArgs = ReadonlyArray<string | Buffer>

type Client = ReturnType<typeof openClient>

function openClient(url: string) {
  return createClient({
    url,
    // Back off up to 100 ms (so a node is current again soon after Redis is back); never give up: a node waits for its Redis rather than dropping its clients' acks.
    socket: { reconnectStrategy: (retries: number) => Math.min(25 * 2 ** retries, 100), connectTimeout: 5000 },
  }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
}

export class RedisLink {
  private readonly closers: Array<() => Promise<void>> = []
  private isUp = false

  private constructor(
    private readonly url: string,
    private readonly client: Client,
  ) {}

  /** Connects to `url`; `onError` hears a dropped connection (the client reconnects by itself). */
  static async open(url: string, onError: (error: Error) => void): Promise<RedisLink> {
    const client = openClient(url)
    const link = new RedisLink(url, client)
    link.watch(client, onError, (isUp) => (link.isUp = isUp))
    try {
      await client.connect()
    } catch (error) {
      throw new HuddleError('unavailable', `Could not reach Redis at \`${url}\`: ${error instanceof Error ? error.message : String(error)}. Start Redis or correct \`--redis\`.`)
    }
    link.closers.push(() => client.close())
    return link
  }

  /** Whether the command connection is up now. */
  isReachable(): boolean {
    return this.isUp
  }

  /** Sends one command; bulk strings in the reply are Buffers. */
  call(args: RedisArgs): Promise<unknown> {
    return this.client.sendCommand(args)
  }

  /** Sends the commands as one MULTI … EXEC transaction; resolves with their replies. */
  async transaction(commands: readonly RedisArgs[]): Promise<unknown[]> {
    const multi = this.client.multi()
    for (const args of commands) multi.addCommand([...args])
    return (await multi.exec()) as unknown[]
  }

  /** A connection of its own, for commands that block it (XREAD BLOCK) or hold it (SUBSCRIBE). */
  async dedicated(onError: (error: Error) => void, onUp: (isUp: boolean) => void = () => {}): Promise<DedicatedLink> {
    const client = openClient(this.url)
    this.watch(client, onError, onUp)
    await client.connect()
    this.closers.push(() => client.close().catch(() => client.destroy()))
    return {
      call: (args) => client.sendCommand(args),
      subscribe: (channel, listener) => client.subscribe(channel, (message: Buffer | string) => listener(message.toString())),
    }
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => {})
  }

  private watch(client: Client, onError: (error: Error) => void, onUp: (isUp: boolean) => void): void {
    client.on('error', (error: Error) => onError(error))
    client.on('ready', () => onUp(true))
    client.on('end', () => onUp(false))
    client.on('reconnecting', () => onUp(false))
  }
}

export type DedicatedLink = {
  call(args: RedisArgs): Promise<unknown>
  subscribe(channel: string, listener: (message: string) => void): Promise<void>
}
