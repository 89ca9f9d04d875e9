/**
 * The Redis persistence settings cluster mode needs: with any other value an
 * update Redis has answered (and huddle acknowledged) could still be lost.
 */

/** Each setting, the one value that keeps acknowledged updates, and what another value risks. */
export const REQUIRED_REDIS_SETTINGS = [
  { name: 'appendonly', value: 'yes', risk: 'without the append-only file Redis keeps writes only in memory until its next snapshot' },
  { name: 'appendfsync', value: 'always', risk: 'Redis answers a write before it is synced to disk, so a crash loses the last second of acknowledged updates' },
  { name: 'maxmemory-policy', value: 'noeviction', risk: 'Redis may evict documents and records when it runs out of memory' },
] as const

/** One sentence per setting that differs from what cluster mode needs; none when all are right. */
export function redisSettingProblems(current: Readonly<Record<string, string | undefined>>): string[] {
  return REQUIRED_REDIS_SETTINGS.flatMap(({ name, value, risk }) => {
    const found = current[name]
    if (found === value) return []
    return [
      `Redis has \`${name} ${found ?? '(unset)'}\`: ${risk}. Set \`${name} ${value}\` in redis.conf (or \`redis-cli CONFIG SET ${name} ${value}\` and \`CONFIG REWRITE\`), then start huddle again.`,
    ]
  })
}
