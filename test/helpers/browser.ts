/**
 * The browser the browser tests drive through playwright-core, found without
 * any system package: `HUDDLE_CHROMIUM` (a path) when set, else the Chromium
 * that `@sparticuz/chromium` ships inside the npm package (Linux x64; it
 * unpacks itself into the temporary folder at first launch), else a system
 * Chromium or Chrome. Under `CI` a missing browser fails the suite; elsewhere
 * the suite is skipped with the reason.
 */
import { existsSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { chromium, type Browser } from 'playwright-core'

export type BrowserBinary = { readonly path: string; readonly source: 'HUDDLE_CHROMIUM' | 'npm' | 'system' }

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

// The machine may reach nothing but package registries: a browser that phones
// home for updates, sync or field trials would hang or log failures.
const LAUNCH_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
]

/** The browser binary to launch, by the order above, or the reason there is none. */
export async function findBrowser(env: Readonly<Record<string, string | undefined>> = process.env): Promise<BrowserBinary | { readonly missing: string }> {
  const forced = env.HUDDLE_CHROMIUM?.trim()
  if (forced) {
    if (existsSync(forced)) return { path: forced, source: 'HUDDLE_CHROMIUM' }
    return { missing: `HUDDLE_CHROMIUM is \`${forced}\`, which does not exist: point it at a Chromium or Chrome binary, or unset it.` }
  }
  if (platform() === 'linux' && arch() === 'x64') {
    const { default: packaged } = await import('@sparticuz/chromium')
    return { path: await packaged.executablePath(), source: 'npm' }
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path))
  if (system) return { path: system, source: 'system' }
  return {
    missing: `No browser found: the Chromium of @sparticuz/chromium runs on Linux x64 only, and none of ${SYSTEM_BROWSERS.join(', ')} exists. Install Chromium or Chrome, or set HUDDLE_CHROMIUM to one.`,
  }
}

/** Launches the binary headless; without a sandbox when running as root, where Chromium refuses one. */
export function launchBrowser(binary: BrowserBinary): Promise<Browser> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  return chromium.launch({
    executablePath: binary.path,
    headless: true,
    // The packaged build has no setuid sandbox helper, whoever runs it.
    args: [...(isRoot || binary.source === 'npm' ? ['--no-sandbox'] : []), ...LAUNCH_ARGS],
  })
}
