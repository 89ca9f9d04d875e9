/**
 * A real terminal for end-to-end tests: a tmux session of a given size on a
 * tmux server of the test's own (its own socket, no user configuration),
 * running a command with exactly the environment given; keys sent with
 * send-keys, pastes with paste-buffer, the screen read with capture-pane, and waits that poll the
 * screen until a deadline rather than sleeping.
 */
import { execFile, spawnSync } from 'node:child_process'

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0
}

export type TmuxPane = {
  readonly name: string
  /** The screen as text, one line per row. */
  screen(): Promise<string>
  /** Sends keys by tmux name (`Enter`, `Escape`, `C-c`, `Tab`, `j`, …), one after another. */
  keys(...keys: string[]): Promise<void>
  /** Types text literally. */
  type(text: string): Promise<void>
  /** Pastes text as a terminal does: bracketed when the program asked for bracketed paste. */
  paste(text: string): Promise<void>
  /** Polls the screen until `test` holds; fails after `timeoutMs` showing the last screen. */
  waitFor(test: RegExp | ((screen: string) => boolean), what: string, timeoutMs?: number): Promise<string>
}

export type TmuxServer = {
  start(name: string, command: readonly string[], options: { env: Readonly<Record<string, string>>; columns: number; rows: number; cwd: string }): Promise<TmuxPane>
  /** Stops the tmux server and everything running in it. */
  close(): Promise<void>
}

function tmux(socket: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], { maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr || error.message}`))
      else resolve(stdout)
    })
  })
}

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`

export function tmuxServer(socket: string): TmuxServer {
  return {
    async start(name, command, { env, columns, rows, cwd }) {
      const assignments = Object.entries(env).map(([key, value]) => quote(`${key}=${value}`))
      // `env -i`: the pane's program sees exactly `env`, not the test runner's (CI=true would change Ink's output).
      const shell = `cd ${quote(cwd)} && env -i ${assignments.join(' ')} ${command.map(quote).join(' ')}; echo "[exited $?]"; sleep 600`
      await tmux(socket, ['new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), shell])
      const pane: TmuxPane = {
        name,
        screen: () => tmux(socket, ['capture-pane', '-p', '-t', name]),
        async keys(...keys) {
          for (const key of keys) await tmux(socket, ['send-keys', '-t', name, key])
        },
        async type(text) {
          await tmux(socket, ['send-keys', '-t', name, '-l', text])
        },
        async paste(text) {
          await tmux(socket, ['set-buffer', '-b', name, '--', text])
          // -p: brackets the paste if the program turned bracketed paste on, as terminals do; -r: lines end in \n.
          await tmux(socket, ['paste-buffer', '-p', '-r', '-d', '-b', name, '-t', name])
        },
        async waitFor(test, what, timeoutMs = 15_000) {
          const started = Date.now()
          let last = ''
          for (;;) {
            last = await pane.screen()
            if (typeof test === 'function' ? test(last) : test.test(last)) return last
            if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}. The screen of ${name}:\n${last}`)
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
        },
      }
      return pane
    },
    async close() {
      // The server may be gone already, with its last session.
      await tmux(socket, ['kill-server']).catch(() => undefined)
    },
  }
}
