/**
 * The token kinds of the Alloy syntax, named as Alloy names them in messages
 * (`IDENT`, `STRING`, `TERMINATOR`, and operators by their spelling such as `{` or `&&`).
 */
export type TokenKind =
  | 'ILLEGAL'
  | 'EOF'
  | 'COMMENT'
  | 'IDENT'
  | 'NUMBER'
  | 'FLOAT'
  | 'STRING'
  | 'BOOL'
  | 'NULL'
  | OperatorToken
  | 'TERMINATOR';

/** A binary operator. */
export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** A unary operator. */
export type UnaryOperator = '!' | '-';

/** Operator and punctuation tokens. */
export type OperatorToken = BinaryOperator | '!' | '=' | '{' | '}' | '(' | ')' | '[' | ']' | ',' | '.';

/**
 * Binding power of each binary operator (higher binds tighter): `||` 1, `&&` 2, comparisons 3,
 * `+ -` 4, `* / %` 5, `^` 6 (the only right-associative one).
 */
export const binaryPrecedence: Readonly<Record<BinaryOperator, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};
