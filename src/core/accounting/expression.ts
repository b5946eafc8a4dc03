/**
 * The zoning rule grammar of contracts.md §3: comparisons, `and`/`or`/`not`, parentheses,
 * arithmetic, numbers, `true`/`false` and `ceil()` over a fixed set of variables.
 * Written by hand: the grammar is a dozen lines, and general expression libraries accept
 * far more (member access, strings, user functions) than a rule table should.
 */
import { type Result, ok, err } from '../result.js';

export const ZONING_VARIABLES = [
  'ecc', 'esc', 'budget_t', 'emissions_t', 'emissions_share', 'intensity', 'rank_emissions', 'n',
] as const;
export type ZoningVariable = (typeof ZONING_VARIABLES)[number];
export type ZoningEnv = Readonly<Record<ZoningVariable, number | null>>;

type Node =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'var'; readonly name: ZoningVariable }
  | { readonly kind: 'ceil'; readonly arg: Node }
  | { readonly kind: 'not'; readonly arg: Node }
  | { readonly kind: 'neg'; readonly arg: Node }
  | { readonly kind: 'bin'; readonly op: BinOp; readonly left: Node; readonly right: Node };
type BinOp = 'and' | 'or' | '>=' | '>' | '<=' | '<' | '==' | '!=' | '+' | '-' | '*' | '/';

export interface Expression {
  readonly source: string;
  readonly root: Node;
  /** The tree compiled once into closures: rules run for every region and year. */
  readonly run: (env: ZoningEnv) => Value;
}

export interface ExpressionProblem {
  readonly code: 'bad_expression';
  readonly at: number;
  readonly message: string;
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(>=|<=|==|!=|[><()+\-*/]))/y;

function tokenize(source: string): Result<{ text: string; at: number }[], ExpressionProblem> {
  const tokens: { text: string; at: number }[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (match === null) {
      const at = position + (source.slice(position).length - source.slice(position).trimStart().length);
      return err({ code: 'bad_expression', at, message: `unexpected character '${source[at]}' at ${at + 1}` });
    }
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    tokens.push({ text, at: TOKEN.lastIndex - text.length });
    position = TOKEN.lastIndex;
  }
  return ok(tokens);
}

/** Parses a rule condition; the error names the position and what was expected. */
export function parseExpression(source: string): Result<Expression, ExpressionProblem> {
  const tokenized = tokenize(source);
  if (!tokenized.ok) return tokenized;
  const tokens = tokenized.value;
  let index = 0;
  const peek = (): string | undefined => tokens[index]?.text;
  const fail = (expected: string): ExpressionProblem => {
    const token = tokens[index];
    const found = token === undefined ? 'end of expression' : `'${token.text}'`;
    return { code: 'bad_expression', at: token?.at ?? source.length, message: `expected ${expected}, found ${found}` };
  };

  // Precedence climbing, lowest first: or, and, not, comparison, + -, * /, unary, atom.
  function parseOr(): Node | ExpressionProblem {
    return parseLeftAssoc(parseAnd, ['or']);
  }
  function parseAnd(): Node | ExpressionProblem {
    return parseLeftAssoc(parseNot, ['and']);
  }
  function parseNot(): Node | ExpressionProblem {
    if (peek() === 'not') {
      index++;
      const arg = parseNot();
      return isProblem(arg) ? arg : { kind: 'not', arg };
    }
    return parseComparison();
  }
  function parseComparison(): Node | ExpressionProblem {
    const left = parseAdditive();
    if (isProblem(left)) return left;
    const op = peek();
    if (op === '>=' || op === '>' || op === '<=' || op === '<' || op === '==' || op === '!=') {
      index++;
      const right = parseAdditive();
      return isProblem(right) ? right : { kind: 'bin', op, left, right };
    }
    return left;
  }
  function parseAdditive(): Node | ExpressionProblem {
    return parseLeftAssoc(parseMultiplicative, ['+', '-']);
  }
  function parseMultiplicative(): Node | ExpressionProblem {
    return parseLeftAssoc(parseUnary, ['*', '/']);
  }
  function parseUnary(): Node | ExpressionProblem {
    if (peek() === '-') {
      index++;
      const arg = parseUnary();
      return isProblem(arg) ? arg : { kind: 'neg', arg };
    }
    return parseAtom();
  }
  function parseAtom(): Node | ExpressionProblem {
    const text = peek();
    if (text === undefined) return fail('a number, a variable or (');
    if (text === '(') {
      index++;
      const inner = parseOr();
      if (isProblem(inner)) return inner;
      if (peek() !== ')') return fail(')');
      index++;
      return inner;
    }
    if (/^\d/.test(text)) {
      index++;
      return { kind: 'num', value: Number(text) };
    }
    if (text === 'true' || text === 'false') {
      index++;
      return { kind: 'bool', value: text === 'true' };
    }
    if (text === 'ceil') {
      index++;
      if (peek() !== '(') return fail('( after ceil');
      index++;
      const arg = parseOr();
      if (isProblem(arg)) return arg;
      if (peek() !== ')') return fail(')');
      index++;
      return { kind: 'ceil', arg };
    }
    if ((ZONING_VARIABLES as readonly string[]).includes(text)) {
      index++;
      return { kind: 'var', name: text as ZoningVariable };
    }
    return fail(`a number or one of ${ZONING_VARIABLES.join(', ')}`);
  }
  function parseLeftAssoc(next: () => Node | ExpressionProblem, ops: readonly string[]): Node | ExpressionProblem {
    let left = next();
    if (isProblem(left)) return left;
    for (let op = peek(); op !== undefined && ops.includes(op); op = peek()) {
      index++;
      const right = next();
      if (isProblem(right)) return right;
      left = { kind: 'bin', op: op as BinOp, left, right };
    }
    return left;
  }

  const root = parseOr();
  if (isProblem(root)) return err(root);
  if (index < tokens.length) return err(fail('end of expression'));
  return ok({ source, root, run: compile(root) });
}

function isProblem(value: Node | ExpressionProblem): value is ExpressionProblem {
  return 'code' in value;
}

type Value = number | boolean | null;

/**
 * Evaluates to a boolean. A missing (null) variable makes arithmetic null and every
 * comparison with it false, so a rule that needs a missing value does not match.
 */
export function evaluateCondition(expression: Expression, env: ZoningEnv): boolean {
  return expression.run(env) === true;
}

function compile(node: Node): (env: ZoningEnv) => Value {
  switch (node.kind) {
    case 'num':
    case 'bool': {
      const value = node.value;
      return () => value;
    }
    case 'var': {
      const name = node.name;
      return (env) => env[name];
    }
    case 'ceil': {
      const arg = compile(node.arg);
      return (env) => {
        const value = arg(env);
        return typeof value === 'number' ? Math.ceil(value) : null;
      };
    }
    case 'not': {
      const arg = compile(node.arg);
      return (env) => {
        const value = arg(env);
        return value === null ? null : !truthy(value);
      };
    }
    case 'neg': {
      const arg = compile(node.arg);
      return (env) => {
        const value = arg(env);
        return typeof value === 'number' ? -value : null;
      };
    }
    case 'bin': {
      const { op } = node;
      const left = compile(node.left);
      const right = compile(node.right);
      return (env) => evaluateBinary(op, left(env), right(env));
    }
  }
}

function truthy(value: number | boolean): boolean {
  return typeof value === 'boolean' ? value : value !== 0;
}

function evaluateBinary(op: BinOp, left: Value, right: Value): Value {
  if (op === 'and') return left !== null && right !== null && truthy(left) && truthy(right);
  if (op === 'or') return (left !== null && truthy(left)) || (right !== null && truthy(right));
  if (left === null || right === null) return op === '+' || op === '-' || op === '*' || op === '/' ? null : false;
  const a = Number(left);
  const b = Number(right);
  switch (op) {
    case '>=': return a >= b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '<': return a < b;
    case '==': return a === b;
    case '!=': return a !== b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? null : a / b;
  }
}
