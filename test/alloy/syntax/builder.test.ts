import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build, format, parse, print, type Expr } from '../../../src/alloy/syntax';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const printExpr = (e: Expr): string => print(build.file(build.attr('x', e))).slice('x = '.length, -1);

describe('builder', () => {
  it('emits an fmt-canonical pipeline', () => {
    const file = build.file(
      build.block('otelcol.receiver.otlp', 'default', [
        build.block('grpc', undefined, [build.attr('endpoint', build.str('0.0.0.0:4317'))]),
        build.block('http', undefined, []),
        build.block('output', undefined, [build.attr('traces', build.list([build.ref('otelcol.processor.batch.default.input')]))]),
      ]),
      build.comment('Batches spans before export.'),
      build.block('otelcol.processor.batch', 'default', [
        build.attr('timeout', build.str('5s')),
        build.attr('send_batch_size', build.num(8192)),
        build.block('output', undefined, [
          build.attr('traces', build.list([build.ref('otelcol.exporter.otlp.tempo.input'), build.ref('otelcol.exporter.debug.x.input')], { multiline: true })),
        ]),
      ]),
      build.block('otelcol.exporter.otlp', 'tempo', [
        build.block('client', undefined, [
          build.attr('endpoint', build.call('sys.env', [build.str('TEMPO_ENDPOINT')])),
          build.attr('headers', build.object([['X-Scope-OrgID', build.str('t1')], ['plain', build.bool(true)]], { multiline: true })),
          build.attr('compression', build.nil()),
        ]),
      ]),
    );
    const text = print(file);
    assert.equal(text, lines(
      'otelcol.receiver.otlp "default" {',
      '\tgrpc {',
      '\t\tendpoint = "0.0.0.0:4317"',
      '\t}',
      '',
      '\thttp { }',
      '',
      '\toutput {',
      '\t\ttraces = [otelcol.processor.batch.default.input]',
      '\t}',
      '}',
      '',
      '// Batches spans before export.',
      'otelcol.processor.batch "default" {',
      '\ttimeout         = "5s"',
      '\tsend_batch_size = 8192',
      '',
      '\toutput {',
      '\t\ttraces = [',
      '\t\t\totelcol.exporter.otlp.tempo.input,',
      '\t\t\totelcol.exporter.debug.x.input,',
      '\t\t]',
      '\t}',
      '}',
      '',
      'otelcol.exporter.otlp "tempo" {',
      '\tclient {',
      '\t\tendpoint = sys.env("TEMPO_ENDPOINT")',
      '\t\theaders  = {',
      '\t\t\t"X-Scope-OrgID" = "t1",',
      '\t\t\tplain           = true,',
      '\t\t}',
      '\t\tcompression = null',
      '\t}',
      '}',
    ));
    assert.equal(format(text).output, text);
  });

  it('quotes strings like Go %q', () => {
    assert.equal(printExpr(build.str('tab\there "q" back\\slash\nnl')), '"tab\\there \\"q\\" back\\\\slash\\nnl"');
    assert.equal(printExpr(build.str('é😀\u0001\u007f\u00a0\u200b')), '"é😀\\x01\\x7f\\u00a0\\u200b"');
    assert.equal(printExpr(build.str("it's ${x}")), '"it\'s ${x}"');
  });

  it('writes numbers in shortest decimal form', () => {
    assert.equal(printExpr(build.num(8192)), '8192');
    assert.equal(printExpr(build.num(0.5)), '0.5');
    assert.equal(printExpr(build.num(-5)), '-5');
    assert.equal(printExpr(build.num(-0)), '0');
    assert.equal(printExpr(build.num(1e21)), '1e+21');
    assert.equal(printExpr(build.num(2.5e-7)), '2.5e-7');
  });

  it('parenthesizes binary and unary operands only where needed', () => {
    const one = build.num(1);
    const two = build.num(2);
    assert.equal(printExpr(build.binary(build.binary(one, '+', two), '*', two)), '(1 + 2) * 2');
    assert.equal(printExpr(build.binary(one, '-', build.binary(two, '-', one))), '1 - (2 - 1)');
    assert.equal(printExpr(build.binary(build.binary(one, '-', two), '-', one)), '1 - 2 - 1');
    assert.equal(printExpr(build.binary(two, '^', build.binary(two, '^', two))), '2 ^ 2 ^ 2');
    assert.equal(printExpr(build.binary(build.binary(two, '^', two), '^', two)), '(2 ^ 2) ^ 2');
    assert.equal(printExpr(build.unary('!', build.binary(one, '==', two))), '!(1 == 2)');
    assert.equal(printExpr(build.index(build.ref('a.b'), build.num(0))), 'a.b[0]');
  });

  it('writes bare keys for identifiers and quotes the rest', () => {
    assert.equal(printExpr(build.object([['a', build.num(1)], ['k8s.pod.name', build.num(2)], ['true', build.num(3)]])), '{a = 1, "k8s.pod.name" = 2, "true" = 3}');
  });

  it('puts a blank line before every non-first block and keeps attributes after a block adjacent', () => {
    const text = print(build.file(build.attr('a', build.num(1)), build.block('b', undefined, [build.attr('c', build.num(2))]), build.attr('d', build.num(3))));
    assert.equal(text, lines('a = 1', '', 'b {', '\tc = 2', '}', 'd = 3'));
  });

  it('prints multi-line comments as several // lines', () => {
    assert.equal(print(build.file(build.comment('one\ntwo'), build.comment(''), build.attr('a', build.num(1)))), lines('// one', '// two', '//', 'a = 1'));
  });

  it('rejects what Alloy could not read back', () => {
    assert.throws(() => build.block('a', 'my-label', []), /block label "my-label" is not a valid Alloy identifier/);
    assert.throws(() => build.block('a', '', []), /block label "" is not a valid/);
    assert.throws(() => build.block('a', 'true', []), /block label "true"/);
    assert.throws(() => build.block('a..b', undefined, []), /block name "a..b"/);
    assert.throws(() => build.attr('my-attr', build.nil()), /attribute name "my-attr"/);
    assert.throws(() => build.attr('null', build.nil()), /attribute name "null"/);
    assert.throws(() => build.ref('a.0b'), /reference "a.0b"/);
    assert.throws(() => build.call('f-g', []), /function name "f-g"/);
    assert.throws(() => build.num(Number.NaN), /not finite/);
    assert.throws(() => build.num(Number.POSITIVE_INFINITY), /not finite/);
    assert.throws(() => build.str('\ud800'), /unpaired surrogate/);
    assert.throws(() => build.object([['a"b', build.nil()]]), /object key/);
    assert.throws(() => build.object([['a\\b', build.nil()]]), /object key/);
    assert.throws(() => build.object([['tab\there', build.nil()]]), /object key/);
    assert.throws(() => build.object([['', build.nil()]]), /may not be empty/);
    assert.throws(() => build.comment('a\rb'), /comment/);
  });

  it('reads back what it prints', () => {
    const file = build.file(build.block('a.b', 'métrica_café', [build.attr('x', build.list([build.str('\t'), build.num(-1.5)], { multiline: true }))]));
    const text = print(file);
    const { diagnostics } = parse(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(format(text).output, text);
  });
});
