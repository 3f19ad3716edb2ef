import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  build,
  format,
  formatDiagnostic,
  isValidIdentifier,
  parse,
  print,
  type AlloyFile,
  type BinaryOperator,
  type Expr,
  type Statement,
} from '../../../src/alloy/syntax';
import { fileShape } from './ast-shape';

const identifier = fc
  .oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
    fc.constantFrom('métrica_café', 'ŝfoo', 'a۰۱۸', 'foo६४', 'Z', 'x9', '_'),
  )
  .filter(isValidIdentifier);

const dotted = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

const accepted = <T>(make: () => T): boolean => {
  try {
    make();
    return true;
  } catch {
    return false;
  }
};

const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const objectKey = fc.oneof(identifier, fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((k) => accepted(() => build.object([[k, build.nil()]]))));
const commentText = anyText.filter((t) => accepted(() => build.comment(t)));
const operators: BinaryOperator[] = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^'];

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  anyText.map((s) => build.str(s)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => build.num(n)),
  fc.integer().map((n) => build.num(n)),
  fc.boolean().map((b) => build.bool(b)),
  fc.constant(build.nil()),
  dotted.map((path) => build.ref(path)),
);

const { expr } = fc.letrec<{ expr: Expr; list: Expr; object: Expr; call: Expr; unary: Expr; binary: Expr; index: Expr; paren: Expr }>((tie) => ({
  expr: fc.oneof({ maxDepth: 4, depthIdentifier: 'expr' }, leaf, tie('list'), tie('object'), tie('call'), tie('unary'), tie('binary'), tie('index'), tie('paren')),
  list: fc.tuple(fc.array(tie('expr'), { maxLength: 4 }), fc.boolean()).map(([items, multiline]) => build.list(items, { multiline })),
  object: fc
    .tuple(fc.array(fc.tuple(objectKey, tie('expr')), { maxLength: 4 }), fc.boolean())
    .map(([fields, multiline]) => build.object(fields, { multiline })),
  call: fc
    .tuple(dotted, fc.array(tie('expr'), { maxLength: 3 }), fc.boolean())
    .map(([fn, args, multiline]) => build.call(fn, args, { multiline })),
  unary: fc.tuple(fc.constantFrom('!' as const, '-' as const), tie('expr')).map(([op, e]) => build.unary(op, e)),
  binary: fc.tuple(tie('expr'), fc.constantFrom(...operators), tie('expr')).map(([l, op, r]) => build.binary(l, op, r)),
  index: fc.tuple(tie('expr'), tie('expr')).map(([v, i]) => build.index(v, i)),
  paren: tie('expr').map((e) => build.paren(e)),
}));

const { statement } = fc.letrec<{ statement: Statement; attribute: Statement; comment: Statement; block: Statement }>((tie) => ({
  statement: fc.oneof({ maxDepth: 3, depthIdentifier: 'stmt' }, tie('attribute'), tie('comment'), tie('block')),
  attribute: fc.tuple(identifier, expr).map(([name, value]) => build.attr(name, value)),
  comment: commentText.map((t) => build.comment(t)),
  block: fc
    .tuple(dotted, fc.option(identifier, { nil: undefined }), fc.array(tie('statement'), { maxLength: 4 }))
    .map(([name, label, body]) => build.block(name, label, body)),
}));

const file: fc.Arbitrary<AlloyFile> = fc.array(statement, { maxLength: 6 }).map((body) => build.file(...body));

describe('printing built ASTs (fast-check)', () => {
  it('is a fixed point of format: format(print(ast)) === print(ast)', () => {
    fc.assert(
      fc.property(file, (ast) => {
        const printed = print(ast);
        const again = format(printed);
        assert.deepEqual(again.diagnostics.map((d) => formatDiagnostic(d)), [], printed);
        assert.equal(again.output, printed);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back as the same tree: parse(print(ast)) ≅ ast', () => {
    fc.assert(
      fc.property(file, (ast) => {
        const printed = print(ast);
        const { file: parsed, diagnostics } = parse(printed);
        assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d)), [], printed);
        assert.deepEqual(fileShape(parsed!), fileShape(ast), printed);
      }),
      { numRuns: 300 },
    );
  });
});
