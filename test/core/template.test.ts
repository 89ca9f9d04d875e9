import { describe, expect, it } from 'vitest'
import {
  fillTemplate,
  findTemplate,
  isTemplateUse,
  parseParamWords,
  parsePlaceholders,
  parseTemplate,
  renderTemplate,
  templateParamsProblems,
  templateReplyBody,
} from '../../core/template.js'
import { refusalOf } from '../helpers/core-fixtures.js'

const shipped = parseTemplate({ name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} ships today. Thanks, {{name}}!' })

describe('parseTemplate', () => {
  it('keeps the distinct placeholders in order of first use and defaults to structured', () => {
    expect(shipped).toEqual({
      name: 'order_shipped',
      channel: 'whatsapp',
      body: 'Hi {{name}}, order {{order}} ships today. Thanks, {{name}}!',
      kind: 'structured',
      placeholders: ['name', 'order'],
    })
  })

  it('accepts a flexible template without placeholders and trims the body', () => {
    expect(parseTemplate({ name: 'thanks', channel: 'chat', body: '  Thanks for waiting!\n', kind: 'flexible' })).toMatchObject({
      body: 'Thanks for waiting!',
      kind: 'flexible',
      placeholders: [],
    })
  })

  it('reports every problem at once', () => {
    const error = refusalOf(() => parseTemplate({ name: 'Bad Name', channel: 'sms', body: '' }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toEqual([expect.stringContaining('Template name `Bad Name` is not valid'), 'A template body needs 1–1024 characters; it has 0.'])
  })

  it('refuses a body longer than 1,024 characters', () => {
    expect(refusalOf(() => parseTemplate({ name: 'long', channel: 'sms', body: 'x'.repeat(1025) })).message).toBe(
      'A template body needs 1–1024 characters; it has 1025.',
    )
  })

  it('refuses more than five placeholders, naming them', () => {
    const body = '{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}'
    expect(refusalOf(() => parseTemplate({ name: 'many', channel: 'sms', body })).message).toBe(
      'The body has 6 placeholders (a, b, c, d, e, f); a template may have at most 5.',
    )
  })

  it('allows five placeholders used many times', () => {
    expect(parseTemplate({ name: 'five', channel: 'sms', body: '{{a}}{{b}}{{c}}{{d}}{{e}}{{a}}' }).placeholders).toHaveLength(5)
  })
})

describe('parsePlaceholders', () => {
  it.each([
    ['{{1}}', 'Placeholder `{{1}}` is not valid'],
    ['{{ }}', 'Placeholder `{{ }}` is not valid'],
    ['{{first name}}', 'Placeholder `{{first name}}` is not valid'],
    ['Hi {{name}', 'unmatched `{{` or `}}`'],
    ['Hi name}}', 'unmatched `{{` or `}}`'],
  ])('refuses %s', (body, problem) => {
    expect(parsePlaceholders(body).problems.join(' ')).toContain(problem)
  })

  it('tolerates spaces inside the braces', () => {
    expect(parsePlaceholders('Hi {{ name }}')).toEqual({ placeholders: ['name'], problems: [] })
  })
})

describe('rendering', () => {
  it('replaces every use of each placeholder', () => {
    expect(renderTemplate(shipped, { name: 'Ada', order: '#1042' })).toBe('Hi Ada, order #1042 ships today. Thanks, Ada!')
  })

  it('previews a template being filled: given values in place, the rest left as placeholders', () => {
    expect(fillTemplate(shipped, { name: 'Ada', order: '' })).toBe('Hi Ada, order {{order}} ships today. Thanks, Ada!')
    expect(fillTemplate(shipped, {})).toBe(shipped.body)
  })

  it('names missing and unknown params together', () => {
    const error = refusalOf(() => renderTemplate(shipped, { name: 'Ada', colour: 'red' }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toEqual([
      'Template `order_shipped` needs a value for order: give `--param order=…`.',
      'Template `order_shipped` has no placeholder `colour`; its placeholders are name, order.',
    ])
  })

  it('refuses empty, multi-line and overlong values', () => {
    expect(templateParamsProblems(shipped, { name: '', order: 'a\nb' })).toEqual([
      'The value of `name` must be 1–256 characters on one line.',
      'The value of `order` must be 1–256 characters on one line.',
    ])
    expect(templateParamsProblems(shipped, { name: 'x'.repeat(257), order: '1' })).toHaveLength(1)
  })

  it('lets a flexible template be edited but not a structured one', () => {
    const flexible = { ...shipped, kind: 'flexible' as const }
    expect(templateReplyBody(flexible, { name: 'Ada', order: '1' }, 'Edited text')).toBe('Edited text')
    expect(templateReplyBody(shipped, { name: 'Ada', order: '1' })).toBe('Hi Ada, order 1 ships today. Thanks, Ada!')
    expect(refusalOf(() => templateReplyBody(shipped, { name: 'Ada', order: '1' }, 'Edited')).message).toContain('is structured')
  })
})

describe('finding and params from the command line', () => {
  it('finds a template or says how to list them', () => {
    expect(findTemplate({ order_shipped: shipped }, 'order_shipped')).toBe(shipped)
    const error = refusalOf(() => findTemplate({}, 'nope'))
    expect(error.code).toBe('not-found')
    expect(error.message).toBe('There is no template `nope`. List them with `huddle template list`.')
  })

  it('parses name=value words, keeping `=` in values', () => {
    expect(parseParamWords(['name=Ada', 'link=https://x.test/?a=b'])).toEqual({ params: { name: 'Ada', link: 'https://x.test/?a=b' }, problems: [] })
  })

  it('reports malformed and repeated params', () => {
    expect(parseParamWords(['name', '=x', 'a=1', 'a=2']).problems).toEqual([
      'Param `name` is not `name=value`; give it like `--param first_name=Ada`.',
      'Param `=x` is not `name=value`; give it like `--param first_name=Ada`.',
      'Param `a` is given twice; give it once.',
    ])
  })

  it('recognises the shape a reply records', () => {
    expect(isTemplateUse({ name: 'x', params: { a: '1' } })).toBe(true)
    expect(isTemplateUse({ name: 'x', params: { a: 1 } })).toBe(false)
    expect(isTemplateUse({ name: 'x', params: {}, extra: true })).toBe(false)
    expect(isTemplateUse({ name: 'x' })).toBe(false)
  })
})
