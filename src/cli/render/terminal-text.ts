/**
 * Text made safe for a terminal. Anything fittrack prints as text (tables, `show` views,
 * reports, messages, prompts, errors) may hold text another user typed, and a terminal obeys
 * control characters in it: `ESC ] 52 ;` writes the clipboard, `ESC [ 2 J` clears the screen,
 * a CR or a bidi override makes a line read as something else. Every such character is shown
 * escaped instead (`\x1b]52;…`), so the text stays visible and nothing reaches the terminal.
 * JSON and CSV output never pass through here: they keep the text exact.
 */

/**
 * Characters a terminal would act on: C0 controls but TAB and LF, DEL, C1 controls, the
 * bidirectional marks, embeddings, overrides and isolates, and the Unicode line and paragraph
 * separators. ESC starts a `(\x1b\[[0-9;]*m)?` match so that colour codes can be told apart.
 */
const UNSAFE = /(\x1b\[[0-9;]*m)|\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Quick test: most text has none of these, and is returned as it is. */
const ANY_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * SGR parameters fittrack's own styling uses (chalk, asciichart): reset, bold, dim,
 * italic, underline, strike-through, their ends, and the foreground colours. Kept when colour
 * is on; anything else (conceal, blink, backgrounds, 256-colour forms) is escaped.
 */
const STYLE_PARAMS = new Set([0, 1, 2, 3, 4, 9, 22, 23, 24, 29, 30, 31, 32, 33, 34, 35, 36, 37, 39, 90, 91, 92, 93, 94, 95, 96, 97]);

function isOwnStyle(sgr: string): boolean {
  const params = sgr.slice(2, -1);
  if (params === '') return true;
  return params.split(';').every((p) => p !== '' && STYLE_PARAMS.has(Number(p)));
}

/** `\x1b`, `\x9b`, `\u202e`: the character as a JavaScript escape. */
function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x0d) return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text with every control character a terminal would act on shown escaped; TAB and LF are kept,
 * and CRLF becomes LF. With `keepStyles` (colour on; a function is asked only when the text
 * holds an escape), colour and weight codes (SGR) that fittrack's own styling writes are kept.
 *
 * @example terminalText('Week 2\x1b]52;c;SGk=\x07') → 'Week 2\\x1b]52;c;SGk=\\x07'
 */
export function terminalText(text: string, opts: { keepStyles?: boolean | (() => boolean) } = {}): string {
  if (!ANY_UNSAFE.test(text)) return text;
  // Asked only now: finding out may set up a stream, which most text never needs.
  const keepStyles = typeof opts.keepStyles === 'function' ? opts.keepStyles() : opts.keepStyles;
  return text.replace(UNSAFE, (match: string, sgr: string | undefined) => {
    if (sgr !== undefined) return keepStyles && isOwnStyle(sgr) ? sgr : `\\x1b${sgr.slice(1)}`;
    if (match === '\r\n') return '\n';
    return escapeChar(match);
  });
}
