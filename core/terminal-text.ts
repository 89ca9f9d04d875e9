/**
 * The display boundary: outside text (customers' names and messages, notes,
 * template text, values quoted in errors) made safe to write to a terminal.
 *
 * A terminal obeys control characters, so none may come through as they
 * are: C0 controls and DEL show as their Control Pictures (`␛`, `␇`, `␡`),
 * which leaves every ESC, CSI, OSC and DCS sequence inert and visible
 * (`␛]52;c;…␇`, `␛[2J`); C1 controls, bidi overrides and isolates show as a
 * `<U+202E>` marker, so a reversed name cannot pass for a real one; a lone
 * surrogate is `�`. Tabs become two spaces. Line breaks (CR LF, CR, U+2028,
 * U+2029) become `\n` in a block and a space in a line.
 */

/** `line`: one line (rows, names, titles); `block`: text whose line breaks are kept (a message body). */
export type TextShape = 'line' | 'block'

const UNSAFE =
  /\r\n?|[\n\u2028\u2029]|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const TAB = '  '
const DEL_PICTURE = '\u2421'
const CONTROL_PICTURES = 0x2400

function codeMarker(code: number): string {
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
}

function safeChar(char: string, shape: TextShape): string {
  if (char === '\r\n' || char === '\r' || char === '\n' || char === '\u2028' || char === '\u2029') return shape === 'block' ? '\n' : ' '
  if (char === '\t') return TAB
  const code = char.charCodeAt(0)
  if (code < 0x20) return String.fromCharCode(CONTROL_PICTURES + code)
  if (code === 0x7f) return DEL_PICTURE
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'
  return codeMarker(code)
}

/** `text` with every control character, escape sequence and bidi override rendered visibly (see the module comment). */
export function terminalText(text: string, shape: TextShape = 'line'): string {
  return text.replace(UNSAFE, (char) => safeChar(char, shape))
}

/**
 * JSON text (from `JSON.stringify`, which already escapes C0 controls and lone
 * surrogates) with C1 controls, DEL, line separators and bidi overrides also
 * written as `\u` escapes: the same value for a program, inert on a terminal.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
