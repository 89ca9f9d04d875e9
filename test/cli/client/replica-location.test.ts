import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { knownUserOfToken, rememberUserOfToken, replicaFolder, serverFolderName, syncUrlOf } from '../../../cli/client/replica-location.js'

describe('where the replica lives', () => {
  it.each([
    ['http://127.0.0.1:8787', '127.0.0.1_8787'],
    ['https://huddle.example.com', 'huddle.example.com_443'],
    ['http://[::1]:9000/', '___1__9000'],
  ])('names the folder of %s `%s`', (server, folder) => {
    expect(serverFolderName(server)).toBe(folder)
  })

  it('uses HUDDLE_HOME, else XDG_DATA_HOME, else ~/.local/share', () => {
    expect(replicaFolder({ HUDDLE_HOME: '/h' }, 'http://a:1', 'alice')).toBe('/h')
    expect(replicaFolder({ XDG_DATA_HOME: '/x' }, 'http://a:1', 'alice')).toBe('/x/huddle/a_1/alice')
    expect(replicaFolder({ XDG_DATA_HOME: 'relative', HOME: '/home/u' }, 'http://a:1', 'alice')).toBe('/home/u/.local/share/huddle/a_1/alice')
  })

  it('turns the server URL into the sync URL', () => {
    expect(syncUrlOf('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/sync')
    expect(syncUrlOf('https://huddle.example.com/')).toBe('wss://huddle.example.com/sync')
  })

  it('remembers which user a token belongs to without storing the token', async () => {
    const base = await mkdtemp(join(tmpdir(), 'huddle-location-'))
    try {
      const env = { XDG_DATA_HOME: base }
      expect(await knownUserOfToken(env, 'http://a:1', 'secret-token')).toBeNull()
      await rememberUserOfToken(env, 'http://a:1', 'secret-token', 'alice')
      expect(await knownUserOfToken(env, 'http://a:1', 'secret-token')).toBe('alice')
      expect(await knownUserOfToken(env, 'http://a:1', 'other-token')).toBeNull()
      const { readFile } = await import('node:fs/promises')
      expect(await readFile(join(base, 'huddle', 'a_1', 'users.json'), 'utf8')).not.toContain('secret-token')
    } finally {
      await rm(base, { recursive: true, force: true })
    }
  })
})
