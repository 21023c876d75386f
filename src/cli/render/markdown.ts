/**
 * Markdown for the terminal: marked's lexer turns the text into tokens, and they are written
 * back as plain text with a little styling (bold headings, bullets, tables in fittrack's
 * table style). Colour only where `colorEnabled()` allows; without it, the text reads as is.
 */
import { Chalk } from 'chalk';
import { lexer, type Token, type Tokens } from 'marked';
import { colorEnabled } from './output.js';
import { renderTable } from './table.js';
import { terminalText } from './terminal-text.js';

type Style = (s: string) => string;
interface Styles {
  bold: Style;
  italic: Style;
  underline: Style;
  code: Style;
  dim: Style;
  heading: Style;
}

function stylesFor(color: boolean): Styles {
  if (!color) {
    const same: Style = (s) => s;
    return { bold: same, italic: same, underline: same, code: same, dim: same, heading: same };
  }
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, italic: c.italic, underline: c.underline, code: c.yellow, dim: c.dim, heading: (s) => c.bold.cyan(s) };
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function inline(tokens: Token[] | undefined, s: Styles): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'strong':
          return s.bold(inline((t as Tokens.Strong).tokens, s));
        case 'em':
          return s.italic(inline((t as Tokens.Em).tokens, s));
        case 'del':
          return `~${inline((t as Tokens.Del).tokens, s)}~`;
        case 'codespan':
          return s.code(decode((t as Tokens.Codespan).text));
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens, s);
          return text === l.href ? s.underline(l.href) : `${text} (${s.underline(l.href)})`;
        }
        case 'image':
          return `[image: ${(t as Tokens.Image).text || (t as Tokens.Image).href}]`;
        case 'br':
          return '\n';
        case 'text': {
          const tt = t as Tokens.Text;
          return tt.tokens ? inline(tt.tokens, s) : decode(tt.text);
        }
        case 'escape':
          return decode((t as Tokens.Escape).text);
        default:
          return decode((t as { raw?: string }).raw ?? '');
      }
    })
    .join('');
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

function blocks(tokens: Token[], s: Styles, color: boolean): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const text = inline(h.tokens, s);
        if (color) out.push(s.heading(text));
        else out.push(h.depth <= 2 ? `${text}\n${'='.repeat(Math.max(3, [...text].length))}` : `${text}\n${'-'.repeat(Math.max(3, [...text].length))}`);
        break;
      }
      case 'paragraph':
        out.push(inline((t as Tokens.Paragraph).tokens, s));
        break;
      case 'list': {
        const l = t as Tokens.List;
        const start = typeof l.start === 'number' ? l.start : 1;
        const items = l.items.map((item, i) => {
          const marker = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
          const bullet = l.ordered ? `${start + i}. ` : '• ';
          const body = blocks(item.tokens, s, color).join('\n');
          return indent(`${marker}${body}`, `  ${bullet}`, ' '.repeat(2 + bullet.length));
        });
        out.push(items.join('\n'));
        break;
      }
      case 'table': {
        const tb = t as Tokens.Table;
        const align = tb.align.map((a) => (a === 'right' ? 'right' : a === 'center' ? 'center' : 'left'));
        out.push(
          renderTable(
            tb.header.map((c) => inline(c.tokens, s)),
            tb.rows.map((row) => row.map((c) => inline(c.tokens, s))),
            { align },
          ),
        );
        break;
      }
      case 'blockquote':
        out.push(indent(blocks((t as Tokens.Blockquote).tokens, s, color).join('\n\n'), '│ ', '│ '));
        break;
      case 'code':
        out.push(indent(s.code((t as Tokens.Code).text), '    ', '    '));
        break;
      case 'hr':
        out.push(s.dim('─'.repeat(40)));
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        out.push(tt.tokens ? inline(tt.tokens, s) : decode(tt.text));
        break;
      }
      case 'html':
        out.push((t as Tokens.HTML).text.trimEnd());
        break;
      case 'space':
        break;
      default:
        if ((t as { raw?: string }).raw) out.push((t as { raw: string }).raw.trimEnd());
    }
  }
  return out;
}

/**
 * Renders markdown as terminal text.
 *
 * @example renderMarkdown('## Plan\n* **Sleep:** 8 h', { color: false }) → 'Plan\n====\n\n  • Sleep: 8 h'
 */
export function renderMarkdown(markdown: string, opts: { color?: boolean } = {}): string {
  const color = opts.color ?? colorEnabled();
  // The text's own control characters are escaped before fittrack adds its styles.
  return blocks(lexer(terminalText(markdown)), stylesFor(color), color).join('\n\n');
}
