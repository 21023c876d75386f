import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { terminalText } from '../../src/cli/render/terminal-text.js';

describe('terminalText', () => {
  it('leaves ordinary text, tabs, newlines and non-Latin text as they are', () => {
    for (const s of ['Week 2 Review', 'a\tb\nc', 'Übung — 5×5 @ 100 kg', 'חזרה 日本語 😀', '']) expect(terminalText(s)).toBe(s);
  });

  it('escapes escape sequences, C0 and C1 controls, DEL and bidi overrides', () => {
    expect(terminalText('x\x1b]52;c;SGk=\x07y')).toBe('x\\x1b]52;c;SGk=\\x07y');
    expect(terminalText('\x1b[2J\x1b[H')).toBe('\\x1b[2J\\x1b[H');
    expect(terminalText('a\x00b\x7fc\x9b2J')).toBe('a\\x00b\\x7fc\\x9b2J');
    expect(terminalText('abc\u202edcba\u2066\u2069')).toBe('abc\\u202edcba\\u2066\\u2069');
    expect(terminalText('overwrite\rfake')).toBe('overwrite\\rfake');
    expect(terminalText('windows\r\nline')).toBe('windows\nline');
  });

  it('keeps colour codes only when asked, and never other sequences', () => {
    expect(terminalText('\x1b[1mbold\x1b[22m')).toBe('\\x1b[1mbold\\x1b[22m');
    expect(terminalText('\x1b[1m\x1b[36mhead\x1b[39m\x1b[22m', { keepStyles: true })).toBe('\x1b[1m\x1b[36mhead\x1b[39m\x1b[22m');
    expect(terminalText('\x1b[8mhidden\x1b[2J', { keepStyles: true })).toBe('\\x1b[8mhidden\\x1b[2J');
    expect(terminalText('\x1b]8;;http://x\x07link', { keepStyles: true })).toBe('\\x1b]8;;http://x\\x07link');
  });

  it('never lets a control character through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\x1b', '[', ']', '2', 'J', 'm', ';', '\x07', '\r', '\n', '\x9b', '\u202e', 'a'), fc.integer({ min: 0, max: 0x2100 }).map((c) => String.fromCharCode(c))) }), fc.boolean(), (s, keepStyles) => {
        const out = terminalText(s, { keepStyles });
        const withoutStyles = keepStyles ? out.replace(/\x1b\[[0-9;]*m/g, '') : out;
        expect(withoutStyles).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });
});
