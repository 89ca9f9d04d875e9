import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smsSegments } from '../../core/sms-segments.js'
import { propertySettings } from '../helpers/property-settings.js'

const GSM_SAMPLE = [...'@£$¥èéÇ\nØÅΔ_ΦΓ !"#%&\'()*+,-./019:;<=>?¡AZÄÖÑÜ§¿azäöñüà']
const EXTENSION_SAMPLE = [...'^{}\\[~]|€']
const UCS2_SAMPLE = [...'çłśžĐđ日本語ÿ—“”']
const EMOJI_SAMPLE = ['😀', '👍', '🎉']

describe('smsSegments', () => {
  it.each([
    ['no text', '', 'gsm-7', 0, 0, 0],
    ['one GSM-7 character', 'a', 'gsm-7', 1, 1, 1],
    ['exactly 160 GSM-7 characters', 'a'.repeat(160), 'gsm-7', 160, 160, 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 'gsm-7', 161, 161, 2],
    ['exactly 306 GSM-7 characters (two full parts)', 'a'.repeat(306), 'gsm-7', 306, 306, 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 'gsm-7', 307, 307, 3],
    ['€, which takes two septets', '€', 'gsm-7', 1, 2, 1],
    ['80 € signs: 160 septets', '€'.repeat(80), 'gsm-7', 80, 160, 1],
    ['159 characters and a €: 161 septets', `${'a'.repeat(159)}€`, 'gsm-7', 160, 161, 2],
    ['152 characters, a € and 152 more: 306 septets, but the € does not split across parts', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 'gsm-7', 305, 306, 3],
    ['exactly 70 UCS-2 characters', 'ç'.repeat(70), 'ucs-2', 70, 70, 1],
    ['71 UCS-2 characters', 'ç'.repeat(71), 'ucs-2', 71, 71, 2],
    ['one non-GSM character among 100 GSM-7 ones', `${'a'.repeat(100)}ç`, 'ucs-2', 101, 101, 2],
    ['an emoji: one character, two code units', '😀', 'ucs-2', 1, 2, 1],
    ['35 emoji: 70 code units', '😀'.repeat(35), 'ucs-2', 35, 70, 1],
    ['36 emoji: 72 code units', '😀'.repeat(36), 'ucs-2', 36, 72, 2],
    ['66 characters, an emoji and 66 more: 134 code units, but the pair does not split across parts', `${'ç'.repeat(66)}😀${'ç'.repeat(66)}`, 'ucs-2', 133, 134, 3],
  ])('counts %s', (_what, text, encoding, characters, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, characters, units, segments })
  })

  it('needs 1 segment up to the single limit, then ceil(units / part size), for texts without two-unit characters', () => {
    const settings = propertySettings('sms segments match the closed form')
    const text = (sample: string[]) => fc.array(fc.constantFrom(...sample), { maxLength: 400 }).map((chars) => chars.join(''))
    fc.assert(
      fc.property(fc.oneof(text(GSM_SAMPLE), text([...GSM_SAMPLE, ...UCS2_SAMPLE])), (body) => {
        const { encoding, units, segments } = smsSegments(body)
        const [single, part] = encoding === 'gsm-7' ? [160, 153] : [70, 67]
        expect(units).toBe(body.length)
        expect(segments).toBe(units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / part))
      }),
      settings,
    )
  })

  it('takes no fewer segments when a character of the same encoding is added, and never fewer than units / part size', () => {
    const settings = propertySettings('sms segments grow with the text')
    const all = [...GSM_SAMPLE, ...EXTENSION_SAMPLE, ...UCS2_SAMPLE, ...EMOJI_SAMPLE]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...all), { maxLength: 300 }), fc.constantFrom(...all), (chars, extra) => {
        const before = smsSegments(chars.join(''))
        const after = smsSegments(chars.join('') + extra)
        expect(after.characters).toBe(before.characters + 1)
        if (after.encoding === before.encoding) expect(after.segments - before.segments).toBeGreaterThanOrEqual(0)
        expect(after.segments).toBeGreaterThanOrEqual(Math.ceil(after.units / (after.encoding === 'gsm-7' ? 153 : 67)))
      }),
      settings,
    )
  })
})
