/**
 * The token cursor under the Twig parser: where it stands in the token list, and the `expect` that
 * turns an unexpected token into a located syntax error.
 */
import { TwigCompileError } from './errors';
import type { Token } from './lexer';

/** A Twig name; an operator spelled like one (`in`, `matches`...) may stand where a name is expected. */
export const NAME_RE = /^[a-zA-Z_\x7f-\uffff][a-zA-Z0-9_\x7f-\uffff]*$/;

export class TokenCursor {
  protected i = 0;
  constructor(protected readonly tokens: Token[]) {}

  get cur(): Token {
    return this.tokens[this.i]!;
  }
  peek(n = 1): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!;
  }
  next(): Token {
    return this.tokens[this.i++]!;
  }
  test(type: Token['type'], value?: string): boolean {
    const t = this.cur;
    return t.type === type && (value === undefined || t.value === value);
  }
  expect(type: Token['type'], value?: string, what?: string): Token {
    const t = this.cur;
    if (!this.test(type, value)) {
      const got = t.type === 'eof' ? 'end of template' : `"${t.value}"`;
      throw new TwigCompileError('syntax', `Unexpected ${got}${what ? ` (${what} expected)` : value ? ` ("${value}" expected)` : ''}.`, t.pos);
    }
    return this.next();
  }
  /** A name token, or an operator spelled like a name (`in`, `matches`...), which Twig accepts as a name here. */
  protected isNameLike(t: Token = this.cur): boolean {
    return t.type === 'name' || (t.type === 'operator' && NAME_RE.test(t.value));
  }
  expectName(what: string): Token {
    if (this.isNameLike()) return this.next();
    return this.expect('name', undefined, what);
  }
}
