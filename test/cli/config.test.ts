import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { configPath, forgetLogin, loadLogin, saveLogin } from '../../cli/config.js'
import { HuddleError } from '../../core/errors.js'
import { makeTempHome, runInProcess } from '../helpers/cli-run.js'

let home: Awaited<ReturnType<typeof makeTempHome>>

beforeEach(async () => {
  home = await makeTempHome()
})
afterEach(async () => {
  await home.remove()
})

describe('the saved login', () => {
  it('lives in $XDG_CONFIG_HOME/huddle/config.json', () => {
    expect(configPath(home.env)).toBe(join(home.configHome, 'huddle', 'config.json'))
  })

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['relative, which the XDG spec says to ignore', 'relative/config'],
  ])('defaults to ~/.config when XDG_CONFIG_HOME is %s', (_, xdg) => {
    expect(configPath({ HOME: home.env.HOME, XDG_CONFIG_HOME: xdg })).toBe(join(home.env.HOME!, '.config', 'huddle', 'config.json'))
  })

  it('is saved readable by its owner only: folder 0700, file 0600', async () => {
    const path = await saveLogin(home.env, { server: 'http://127.0.0.1:8787', token: 'secret' })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await stat(join(home.configHome, 'huddle'))).mode & 0o777).toBe(0o700)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ server: 'http://127.0.0.1:8787', token: 'secret' })
  })

  it('tightens a folder and file that already existed with wider modes', async () => {
    await mkdir(join(home.configHome, 'huddle'), { recursive: true, mode: 0o755 })
    await writeFile(configPath(home.env), '{}', { mode: 0o644 })
    await saveLogin(home.env, { server: 'http://h', token: 't' })
    expect((await stat(configPath(home.env))).mode & 0o777).toBe(0o600)
    expect((await stat(join(home.configHome, 'huddle'))).mode & 0o777).toBe(0o700)
  })

  it('loads what was saved', async () => {
    await saveLogin(home.env, { server: 'http://a', token: 'one' })
    await saveLogin(home.env, { server: 'http://b', token: 'two' })
    expect(await loadLogin(home.env)).toEqual({ server: 'http://b', token: 'two' })
  })

  it('is null when nothing was saved', async () => {
    expect(await loadLogin(home.env)).toBeNull()
  })

  it('refuses a damaged file with how to log in again', async () => {
    await mkdir(join(home.configHome, 'huddle'), { recursive: true })
    await writeFile(configPath(home.env), '{"server": 1')
    const error = await loadLogin(home.env).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HuddleError)
    expect((error as HuddleError).message).toContain('huddle login --server URL --token TOKEN')
  })

  it('is forgotten on logout, and a second logout says there was nothing to forget', async () => {
    await saveLogin(home.env, { server: 'http://a', token: 'one' })
    expect(await forgetLogin(home.env)).toEqual({ path: configPath(home.env), server: 'http://a' })
    expect(await loadLogin(home.env)).toBeNull()
    const again = await runInProcess(['logout'], { env: home.env })
    expect(again).toMatchObject({ code: 0, stdout: '' })
    expect(again.stderr).toContain('You were not logged in')
  })
})
