import type { AlloyFile, Expr, ObjectField, Statement } from '../../../src/alloy/syntax';

/** A plain-data view of an AST without positions, layout hints or builder comments, for deepEqual. */
export type Shape = string | number | boolean | null | Shape[];

/** Shape of a file: the structure that printing and re-parsing must preserve. */
export function fileShape(file: AlloyFile): Shape {
  return statementsShape(file.body);
}

function statementsShape(stmts: readonly Statement[]): Shape {
  const out: Shape[] = [];
  for (const s of stmts) {
    if (s.kind === 'Attribute') out.push(['attr', s.name.name, exprShape(s.value)]);
    else if (s.kind === 'Block') out.push(['block', s.name, s.label || null, statementsShape(s.body)]);
  }
  return out;
}

/** Shape of an expression. */
export function exprShape(e: Expr): Shape {
  switch (e.kind) {
    case 'Literal':
      return ['lit', e.type, e.raw];
    case 'Identifier':
      return ['id', e.name];
    case 'Access':
      return ['.', exprShape(e.value), e.name.name];
    case 'Index':
      return ['[]', exprShape(e.value), exprShape(e.index)];
    case 'Call':
      return ['call', exprShape(e.callee), e.args.map(exprShape)];
    case 'Unary':
      return [e.op, exprShape(e.operand)];
    case 'Binary':
      return [e.op, exprShape(e.left), exprShape(e.right)];
    case 'Paren':
      return ['()', exprShape(e.inner)];
    case 'Array':
      return ['list', e.elements.map(exprShape)];
    case 'Object':
      return ['object', e.fields.map((f: ObjectField) => [f.key, f.quoted, exprShape(f.value)])];
  }
}
