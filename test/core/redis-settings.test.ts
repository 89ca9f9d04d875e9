import { describe, expect, it } from 'vitest'
import { redisSettingProblems } from '../../core/redis-settings.js'

const SAFE = { appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' }

describe('redisSettingProblems', () => {
  it('finds nothing wrong with the append-only file synced on every write and no eviction', () => {
    expect(redisSettingProblems(SAFE)).toEqual([])
  })

  it.each([
    ['appendonly', 'no'],
    ['appendfsync', 'everysec'],
    ['maxmemory-policy', 'allkeys-lru'],
  ])('names `%s %s` and the value to set instead', (name, value) => {
    const problems = redisSettingProblems({ ...SAFE, [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`\`${name} ${value}\``)
    expect(problems[0]).toContain(`CONFIG SET ${name} `)
  })

  it('reports every wrong setting together, an unset one as unset', () => {
    const problems = redisSettingProblems({ appendonly: 'no' })
    expect(problems).toHaveLength(3)
    expect(problems[1]).toContain('`appendfsync (unset)`')
  })
})
