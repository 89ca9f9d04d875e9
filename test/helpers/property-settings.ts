/**
 * How a seeded property test runs, from the environment: the seed
 * (HUDDLE_SEED, else a random one, printed so a failure can be re-run), the
 * number of runs (HUDDLE_RUNS, else 1,000 under CI and 200 otherwise) and a
 * failing path to replay (HUDDLE_PATH, from fast-check's report).
 */
export type PropertySettings = { readonly seed: number; readonly numRuns: number; readonly path?: string }

export function propertySettings(name: string): PropertySettings {
  const envSeed = process.env.HUDDLE_SEED
  const seed = envSeed !== undefined && envSeed !== '' ? Number(envSeed) : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0
  const numRuns = process.env.HUDDLE_RUNS ? Number(process.env.HUDDLE_RUNS) : process.env.CI ? 1000 : 200
  const path = process.env.HUDDLE_PATH
  console.log(`${name}: seed ${seed}, ${numRuns} runs — re-run with HUDDLE_SEED=${seed}`)
  return { seed, numRuns, ...(path ? { path } : {}) }
}
