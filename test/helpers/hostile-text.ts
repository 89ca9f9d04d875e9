/** Customer text that tries to drive an agent's terminal, for the display boundary's tests. */
export const HOSTILE_TEXTS: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'OSC 0 window title', text: 'Hi\u001b]0;pwned\u0007 there' },
  { name: 'OSC 0 ended by ST', text: 'Hi\u001b]0;pwned\u001b\\ there' },
  { name: 'OSC 52 clipboard write', text: 'copy\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007 this' },
  { name: 'clear screen', text: '\u001b[2J\u001b[Hfresh screen' },
  { name: 'colour and cursor moves', text: '\u001b[31mred\u001b[0m \u001b[10A\u001b[2K' },
  { name: 'DCS', text: 'a\u001bP1$r0m\u001b\\b' },
  { name: 'C1 CSI', text: 'a\u009b2Jb' },
  { name: 'C1 OSC', text: 'a\u009d0;title\u009cb' },
  { name: 'bell, backspace and NUL', text: 'ring\u0007\u0008\u0008\u0000' },
  { name: 'DEL', text: 'del\u007fete' },
  { name: 'carriage return overwrite', text: 'Refund approved\rRefund denied' },
  { name: 'RTL override', text: 'invoice\u202egpj.exe' },
  { name: 'bidi isolates', text: '\u2066admin\u2069 \u2067x\u2068' },
  { name: 'lone surrogate', text: 'broken \ud83d text' },
]

/** Whether `output` holds a byte a terminal would obey: ESC, another C0 control except newline, DEL, C1, or a bidi override. */
export function findUnsafe(output: string): string | null {
  const match = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(output)
  return match === null ? null : `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}`
}
