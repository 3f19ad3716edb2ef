import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/check/diagnostic';
import { reportGithub, reportJson, reportText } from '../../src/check/report';

const d: Diagnostic = { ruleId: 'duplicate-key', severity: 'error', message: 'key "a" repeats (first at 1:3)', hint: 'merge them', file: 'x.yaml', line: 2, column: 3 };

describe('reporters', () => {
  it('text: compiler-style line, the source line with a caret, the hint, a summary', () => {
    assert.equal(
      reportText([d], new Map([['x.yaml', '  a: 1\n\ta: 2\n']])),
      'x.yaml:2:3: error duplicate-key: key "a" repeats (first at 1:3)\n 2 |     a: 2\n   |      ^\n  hint: merge them\n1 error, 0 warnings\n',
    );
    assert.equal(reportText([], new Map()), '');
  });
  it('json: the documented shape', () => {
    assert.deepEqual(JSON.parse(reportJson([d])), {
      diagnostics: [{ file: 'x.yaml', line: 2, column: 3, severity: 'error', ruleId: 'duplicate-key', message: 'key "a" repeats (first at 1:3)', hint: 'merge them' }],
    });
  });
  it('github: workflow annotations with escaped properties and data', () => {
    assert.equal(
      reportGithub([{ ...d, file: 'a,b:c.yaml', message: '50% done', hint: 'x' }]),
      '::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=duplicate-key::50%25 done%0Ax\n',
    );
  });
});
