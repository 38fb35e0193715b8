/**
 * A parser for the expressions of Azure Resource Manager templates, the JSON strings in square brackets
 * ("[format('{0}-app', parameters('base'))]"): function calls, string literals ('' is a quote), numbers,
 * and property access (`.name`, `[index]`) on a call's result. Enough to prove that a template's every
 * expression is well formed and to evaluate the ones the tests need (see armEvaluation.ts).
 */

export type ArmExpression =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ArmExpression[] }
  | { readonly kind: 'property'; readonly target: ArmExpression; readonly name: string }
  | { readonly kind: 'index'; readonly target: ArmExpression; readonly index: ArmExpression };

export class ArmSyntaxError extends Error {
  constructor(source: string, at: number, problem: string) {
    super(`${problem} at ${at} in ${source}`);
    this.name = 'ArmSyntaxError';
  }
}

/** A JSON string is an expression when it is bracketed; "[[" starts a literal that begins with "[". */
export const isExpression = (text: string): boolean => text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?[0-9]+/y;

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parseWhole(): ArmExpression {
    const expression = this.expression();
    this.skipSpace();
    if (this.at !== this.source.length) this.fail('unexpected text after the expression');
    return expression;
  }

  private expression(): ArmExpression {
    this.skipSpace();
    let result = this.primary();
    for (;;) {
      this.skipSpace();
      if (this.take('.')) {
        result = { kind: 'property', target: result, name: this.identifier() };
      } else if (this.take('[')) {
        const index = this.expression();
        this.skipSpace();
        this.expect(']');
        result = { kind: 'index', target: result, index };
      } else return result;
    }
  }

  private primary(): ArmExpression {
    const next = this.source[this.at];
    if (next === "'") return { kind: 'string', value: this.stringLiteral() };
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.source);
    if (number) {
      this.at += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const name = this.identifier();
    this.skipSpace();
    this.expect('(');
    const args: ArmExpression[] = [];
    this.skipSpace();
    if (!this.take(')')) {
      do args.push(this.expression());
      while ((this.skipSpace(), this.take(',')));
      this.skipSpace();
      this.expect(')');
    }
    return { kind: 'call', name, args };
  }

  private stringLiteral(): string {
    this.expect("'");
    let value = '';
    for (;;) {
      const quote = this.source.indexOf("'", this.at);
      if (quote < 0) this.fail('unterminated string');
      value += this.source.slice(this.at, quote);
      this.at = quote + 1;
      if (this.source[this.at] !== "'") return value;
      value += "'";
      this.at += 1;
    }
  }

  private identifier(): string {
    IDENTIFIER.lastIndex = this.at;
    const match = IDENTIFIER.exec(this.source);
    if (!match) this.fail('expected a function name, a string or a number');
    this.at += match[0].length;
    return match[0];
  }

  private skipSpace(): void {
    while (this.source[this.at] === ' ') this.at += 1;
  }

  private take(text: string): boolean {
    if (!this.source.startsWith(text, this.at)) return false;
    this.at += text.length;
    return true;
  }

  private expect(text: string): void {
    if (!this.take(text)) this.fail(`expected "${text}"`);
  }

  private fail(problem: string): never {
    throw new ArmSyntaxError(this.source, this.at, problem);
  }
}

/** Parses a bracketed template string ("[...]") into its expression. */
export function parseArmExpression(text: string): ArmExpression {
  if (!isExpression(text)) throw new ArmSyntaxError(text, 0, 'not a bracketed expression');
  return new Parser(text.slice(1, -1)).parseWhole();
}

/** Every function call in an expression, outermost first. */
export function callsIn(expression: ArmExpression): Extract<ArmExpression, { kind: 'call' }>[] {
  switch (expression.kind) {
    case 'call':
      return [expression, ...expression.args.flatMap(callsIn)];
    case 'property':
      return callsIn(expression.target);
    case 'index':
      return [...callsIn(expression.target), ...callsIn(expression.index)];
    default:
      return [];
  }
}
