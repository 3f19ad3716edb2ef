import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAlloyDiagnostic, validateAlloySources } from '../../../src/alloy/validate';
import { conformanceSkip } from '../../support/paths';
import { header, parseTxtar, readAlloyReference, splitDiags } from './support';

/**
 * `alloy validate` goldens (reference/alloy-syntax/validator-testdata): each `X.txtar` holds the
 * files of one config, `X.diags` the exact rendering of what Alloy reports. We validate the files
 * together, render with renderAlloyDiagnostic and compare.
 *
 * - full: our rendering equals the `.diags` file byte for byte (same findings, order, excerpts).
 * - partial: every expected finding except the listed `notProduced` ones appears in our output,
 *   rendered identically and in the same relative order; everything we report is in the golden
 *   (or listed in `produced`). The lists say exactly what differs, and why.
 */
interface Case {
  readonly mode: 'full' | 'partial';
  readonly why: string;
  /** Header lines of expected findings we do not produce. */
  readonly notProduced?: readonly string[];
  /** Header lines of findings we produce that Alloy words or places differently. */
  readonly produced?: readonly string[];
}

const UNKNOWN_BUILTIN =
  'reporting `local.missing` as undefined needs the full registry of built-in components; the catalog covers only the components bramble uses, and namespaced names outside it are accepted unchecked';

const cases: Record<string, Case> = {
  'default/cycle': { mode: 'full', why: 'cycles and self-references among uncatalogued components: references alone' },
  'default/duplicates': { mode: 'full', why: 'duplicate components, declares, imports, config and service blocks' },
  'default/invalid_refs': {
    mode: 'full',
    why: 'unresolvable references in logging, in a declare (own scope), in export values',
  },
  'default/invalid_properties': {
    mode: 'full',
    why: 'remote.http, loki.source.file, logging, http and import.* are modelled well enough for all 13 findings',
  },
  'default/stdlib': { mode: 'full', why: 'stdlib shadowing and deprecation warnings' },
  'default/valid': { mode: 'full', why: 'a valid config with declares, imports, foreach and log/otel pipelines: no findings' },
  'default/invalid_declare': {
    mode: 'partial',
    why: `18 of 19: declare scopes, duplicates, labels, placement, custom component arguments all match. Not produced: ${UNKNOWN_BUILTIN}`,
    notProduced: ['Error: main.alloy:35:2: cannot find the definition of component name "local.missing"'],
  },
  'default/invalid_foreach': {
    mode: 'partial',
    why: `15 of 17: template scopes, duplicates, placement and missing foreach arguments match. Not produced: ${UNKNOWN_BUILTIN}`,
    notProduced: [
      'Error: main.alloy:17:3: cannot find the definition of component name "local.missing"',
      'Error: main.alloy:73:5: cannot find the definition of component name "local.missing"',
    ],
  },
  'default/invalid_types': {
    mode: 'partial',
    why: '3 of 4: loki.source.file literal types match (including Alloy\'s target conversion message); otelcol.auth.headers is not catalogued, so its `action` value is not checked',
    notProduced: ['Error: main.alloy:10:12: unknown action random'],
  },
  'default/missing': {
    mode: 'partial',
    why: `0 of 1 (asserts we report nothing false). Not produced: ${UNKNOWN_BUILTIN}`,
    notProduced: ['Error: main.alloy:1:1: cannot find the definition of component name "local.missing"'],
  },
  'default/mixed': {
    mode: 'partial',
    why: `1 of 2: the missing label (in a second file) matches. Not produced: ${UNKNOWN_BUILTIN}`,
    notProduced: ['Error: missing.alloy:1:1: cannot find the definition of component name "local.missing"'],
  },
  'default/syntax_errors': {
    mode: 'full',
    why:
      'syntax errors from src/alloy/syntax: an unterminated block label (label text and the recovery to the next line) ' +
      'and a missing `]`, in two files',
  },
  'ga/non_ga': {
    mode: 'partial',
    why: '0 of 3: stability levels (`--stability.level`) are not modelled; asserts we report nothing false',
    notProduced: [
      'Error: main.alloy:2:1: foreach block "foreach" is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features',
      'Error: main.alloy:10:16: array.combine_maps is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features',
      'Error: main.alloy:11:16: array.combine_maps is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features',
    ],
  },
};

function render(name: string): { expected: string; actual: string } {
  const { files } = parseTxtar(readAlloyReference('validator-testdata', `${name}.txtar`));
  const diagnostics = validateAlloySources(files.map((f) => ({ filename: f.name, source: f.data })));
  const actual = diagnostics
    .map((d) => renderAlloyDiagnostic(d, d.filename as string, files.find((f) => f.name === d.filename)?.data ?? ''))
    .join('\n');
  return { expected: readAlloyReference('validator-testdata', `${name}.diags`), actual };
}

describe('alloy validate goldens (reference/alloy-syntax/validator-testdata)', { skip: conformanceSkip }, () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name} (${c.mode}): ${c.why}`, () => {
      const { expected, actual } = render(name);
      if (c.mode === 'full') {
        assert.equal(actual, expected);
        return;
      }
      const want = splitDiags(expected);
      const got = splitDiags(actual);
      const notProduced = new Set(c.notProduced ?? []);
      const produced = new Set(c.produced ?? []);
      // The lists must name real golden entries, so they cannot go stale silently.
      for (const h of notProduced) assert.ok(want.some((w) => header(w) === h), `not in the golden: ${h}`);
      // Every golden finding we model is produced, rendered identically, in the same order.
      const modelled = want.filter((w) => !notProduced.has(header(w)));
      const ours = got.filter((g) => want.includes(g));
      assert.deepEqual(ours, modelled.filter((w) => got.includes(w)), 'relative order');
      for (const w of modelled) assert.ok(got.includes(w), `missing:\n${w}`);
      // Everything we report is in the golden or a listed divergence.
      for (const g of got) assert.ok(want.includes(g) || produced.has(header(g)), `unexpected:\n${g}`);
    });
  }
});
