/**
 * The Grafana Alloy configuration syntax: scanner, parser, AST, an `alloy fmt`-compatible
 * printer and a builder for emitting configs. Self-contained: no imports from the rest of
 * bramble and no npm dependencies.
 */
import type { SyntaxDiagnostic } from './diagnostic';
import { parse, type ParseOptions } from './parser';
import { print } from './printer';

export type {
  AccessExpr,
  AlloyFile,
  ArrayExpr,
  AttributeStmt,
  BinaryExpr,
  BlockStmt,
  CallExpr,
  Comment,
  CommentStmt,
  Expr,
  Identifier,
  IndexExpr,
  LiteralExpr,
  LiteralType,
  Located,
  Node,
  ObjectExpr,
  ObjectField,
  ParenExpr,
  Statement,
  UnaryExpr,
} from './ast';
export { build, type LayoutOptions } from './builder';
export { formatDiagnostic, type Position, type SyntaxDiagnostic } from './diagnostic';
export { positionAt } from './lines';
export { literalValue, type LiteralValue } from './literal';
export { DEFAULT_MAX_DEPTH, depthLimitMessage, parse, type ParseOptions, type ParseResult } from './parser';
export { print, printBody } from './printer';
export { decodeUtf8, Scanner, tokenize, type ScannerOptions, type Token } from './scanner';
export type { BinaryOperator, TokenKind, UnaryOperator } from './token';
export { goQuote, isValidIdentifier, sanitizeIdentifier } from './unicode';

/** The result of {@link format}. */
export interface FormatResult {
  /** What `alloy fmt` writes to stdout; absent when the source does not parse. */
  readonly output?: string;
  /** The syntax errors (empty on success). */
  readonly diagnostics: SyntaxDiagnostic[];
}

/** Formats source text like `alloy fmt`: parse, then {@link print}. Never throws on bad input. */
export function format(source: string | Uint8Array, options: ParseOptions = {}): FormatResult {
  const { file, diagnostics } = parse(source, options);
  return file ? { output: print(file), diagnostics } : { diagnostics };
}
