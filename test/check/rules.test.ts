import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../src/check/rules';
import { repoRoot } from '../support/paths';

describe('rule registry', () => {
  const docs = join(repoRoot, 'docs', 'rules');
  it('has a docs page for every rule id, titled with the id and stating the severity', () => {
    for (const [id, info] of Object.entries(rules)) {
      const page = join(docs, `${id}.md`);
      assert.ok(existsSync(page), `docs/rules/${id}.md is missing`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${id}\n`), `${id}.md must start with its id`);
      assert.match(text, new RegExp(`\\*\\*Severity:\\*\\* ${info.severity}`), id);
    }
  });
  it('has no page for a rule that does not exist', () => {
    for (const file of readdirSync(docs)) assert.ok(file.replace(/\.md$/, '') in rules, file);
  });
  it('uses kebab-case ids', () => {
    for (const id of Object.keys(rules)) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });
});
