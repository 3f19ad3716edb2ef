import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAlloyDiagnostic, validateAlloySource, type AlloyDiagnostic } from '../../../src/alloy/validate';

const at = (line: number, column: number, offset = 0) => ({ line, column, offset });

function d(start: [number, number], end?: [number, number], severity: 'error' | 'warning' = 'error'): AlloyDiagnostic {
  const base = { code: 'x', severity, message: 'msg', start: at(...start) };
  return end ? { ...base, end: at(...end) } : base;
}

describe('renderAlloyDiagnostic', () => {
  const source = 'first\nsecond line\nthird\n';

  it('underlines a single-line range with one line of context around it', () => {
    assert.equal(
      renderAlloyDiagnostic(d([2, 1], [2, 7]), 'main.alloy', source),
      'Error: main.alloy:2:1: msg\n\n1 | first\n2 | second line\n  | ^^^^^^\n3 | third\n',
    );
  });

  it('marks a bare position with one caret, or none past the end of the line', () => {
    assert.equal(renderAlloyDiagnostic(d([1, 3]), 'f', source), 'Error: f:1:3: msg\n\n1 | first\n  |   ^\n2 | second line\n');
    assert.equal(renderAlloyDiagnostic(d([1, 6]), 'f', source), 'Error: f:1:6: msg\n\n1 | first\n  |      \n2 | second line\n');
  });

  it('shows the empty line after a final newline', () => {
    assert.equal(renderAlloyDiagnostic(d([3, 1], [3, 6]), 'f', source), 'Error: f:3:1: msg\n\n2 | second line\n3 | third\n  | ^^^^^\n4 | \n');
  });

  it('draws multi-line ranges with _ and |', () => {
    const src = 'a\nblock {\n\tx = 1\n}\nb\n';
    assert.equal(
      renderAlloyDiagnostic(d([2, 1], [4, 2]), 'f', src),
      'Error: f:2:1: msg\n\n1 |   a\n2 |   block {\n  |  _^^^^^^^\n3 | |     x = 1\n4 | | }\n  | |_^\n5 |   b\n',
    );
  });

  it('expands tabs to four spaces and pads the gutter to the widest line number', () => {
    const src = `${'\n'.repeat(8)}\tkey = true\n`;
    assert.equal(
      renderAlloyDiagnostic(d([9, 8], [9, 12], 'warning'), 'f', src),
      'Warning: f:9:8: msg\n\n 8 | \n 9 |     key = true\n   |           ^^^^\n10 | \n',
    );
  });

  it('renders what the validator reports', () => {
    const src = 'otelcol.processor.batch "b" {\n\ttimeout = true\n\n\toutput { }\n}\n';
    const [first] = validateAlloySource(src);
    assert.ok(first);
    assert.equal(
      renderAlloyDiagnostic(first, 'main.alloy', src),
      'Error: main.alloy:2:12: expected string, got bool\n\n1 | otelcol.processor.batch "b" {\n2 |     timeout = true\n  |               ^^^^\n3 | \n',
    );
  });
});
