import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celRules, compilePattern, validateOpenApi, type CelRule, type OpenApiSchema, type SchemaViolation } from '../../src/check/openapi';

/** [path joined with '.', keyword, message] of each violation, for compact assertions. */
function brief(violations: SchemaViolation[]): [string, string, string][] {
  return violations.map((v) => [v.path.join('.'), v.keyword, v.message]);
}

function check(schema: OpenApiSchema, value: unknown): [string, string, string][] {
  return brief(validateOpenApi(schema, value));
}

describe('validateOpenApi: type', () => {
  const cases: [string, unknown, unknown[]][] = [
    ['string', 'x', [1, true, null, {}, []]],
    ['integer', 3, [3.5, '3', true, Number.NaN]],
    ['number', 3.5, ['3.5', false, Number.POSITIVE_INFINITY]],
    ['boolean', false, ['true', 0]],
    ['object', { a: 1 }, [[], 'x', 1]],
    ['array', [1], [{}, 'x']],
  ];
  for (const [type, good, bads] of cases) {
    it(`accepts a ${type} and rejects other types`, () => {
      assert.deepEqual(check({ type, ...(type === 'object' ? { additionalProperties: true } : {}) }, good), []);
      for (const bad of bads) {
        const found = check({ type }, bad);
        assert.equal(found.length, 1, `${type} vs ${JSON.stringify(bad)}`);
        assert.equal(found[0]?.[1], 'type');
        assert.match(found[0]?.[2] ?? '', new RegExp(`^must be an? ${type}$`));
      }
    });
  }
  it('says "must be a string" exactly', () => {
    assert.deepEqual(check({ type: 'string' }, 5), [['', 'type', 'must be a string']]);
  });
  it('accepts integers (and integral floats and bigints) as numbers and integers', () => {
    assert.deepEqual(check({ type: 'number' }, 4), []);
    assert.deepEqual(check({ type: 'integer' }, 4.0), []);
    assert.deepEqual(check({ type: 'integer' }, 10n), []);
  });
  it('accepts anything when there is no type', () => {
    for (const v of ['x', 1, null, {}, [], true]) assert.deepEqual(check({}, v), []);
  });
  it('stops at a type violation instead of piling up more', () => {
    assert.deepEqual(check({ type: 'string', minLength: 3, pattern: '^a' }, 12), [['', 'type', 'must be a string']]);
  });
});

describe('validateOpenApi: nullable and null values', () => {
  it('rejects null for a non-nullable schema and accepts it when nullable', () => {
    assert.deepEqual(check({ type: 'string' }, null), [['', 'type', 'must be a string']]);
    assert.deepEqual(check({ type: 'string', nullable: true }, null), []);
    assert.deepEqual(check({ type: 'array', items: { type: 'string' } }, ['a', null]), [['1', 'type', 'must be a string']]);
  });
  it('drops a null property as the API server prunes it, so only required notices', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] };
    assert.deepEqual(check(schema, { a: null, b: null }), [['a', 'required', 'is required']]);
  });
  it('keeps a null property that is nullable', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', nullable: true } }, required: ['a'] };
    assert.deepEqual(check(schema, { a: null }), []);
  });
});

describe('validateOpenApi: objects', () => {
  const schema: OpenApiSchema = {
    type: 'object',
    required: ['name', 'kind'],
    properties: {
      name: { type: 'string' },
      kind: { type: 'string', default: 'A' },
      ref: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
    },
  };
  it('accepts a valid object', () => {
    assert.deepEqual(check(schema, { name: 'x', kind: 'B', ref: { id: 1 } }), []);
  });
  it('reports missing required keys at the key path, skipping ones with a default', () => {
    assert.deepEqual(check(schema, {}), [['name', 'required', 'is required']]);
  });
  it('reports nested violations with the full path', () => {
    assert.deepEqual(check(schema, { name: 'x', ref: { id: 'one' } }), [['ref.id', 'type', 'must be an integer']]);
    assert.deepEqual(check(schema, { name: 'x', ref: {} }), [['ref.id', 'required', 'is required']]);
  });
  it('rejects unknown fields of an object with properties', () => {
    assert.deepEqual(check(schema, { name: 'x', nmae: 'y', ref: { id: 1, extra: true } }), [
      ['nmae', 'unknown-field', 'unknown field "nmae"'],
      ['ref.extra', 'unknown-field', 'unknown field "extra"'],
    ]);
  });
  it('rejects every field of a bare type: object (the API server prunes them all)', () => {
    assert.deepEqual(check({ type: 'object' }, { a: 1 }), [['a', 'unknown-field', 'unknown field "a"']]);
  });
  it('accepts unknown fields when rejectUnknownFields is false', () => {
    assert.deepEqual(brief(validateOpenApi(schema, { name: 'x', extra: 1 }, { rejectUnknownFields: false })), []);
  });
  it('validates map values with an additionalProperties schema', () => {
    const map = { type: 'object', additionalProperties: { type: 'string' } };
    assert.deepEqual(check(map, { a: 'x', b: 2 }), [['b', 'type', 'must be a string']]);
  });
  it('accepts anything with additionalProperties: true and rejects extras with false', () => {
    assert.deepEqual(check({ type: 'object', properties: { a: {} }, additionalProperties: true }, { a: 1, b: 2 }), []);
    assert.deepEqual(check({ type: 'object', additionalProperties: false }, { b: 2 }), [['b', 'unknown-field', 'unknown field "b"']]);
  });
  it('checks minProperties and maxProperties', () => {
    const s = { type: 'object', additionalProperties: true, minProperties: 1, maxProperties: 2 };
    assert.deepEqual(check(s, {}), [['', 'minProperties', 'must have at least 1 property']]);
    assert.deepEqual(check(s, { a: 1, b: 2, c: 3 }), [['', 'maxProperties', 'must have at most 2 properties']]);
    assert.deepEqual(check(s, { a: 1 }), []);
  });
});

describe('validateOpenApi: x-kubernetes-preserve-unknown-fields', () => {
  it('accepts anything below a free-form node', () => {
    const s = { type: 'object', properties: { values: { 'x-kubernetes-preserve-unknown-fields': true } } };
    assert.deepEqual(check(s, { values: { a: [1, { b: null }], c: 'x' } }), []);
    assert.deepEqual(check(s, { values: 'a string too' }), []);
  });
  it('still checks declared properties and keeps unknown ones', () => {
    const s = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { port: { type: 'integer' } } };
    assert.deepEqual(check(s, { port: 80, other: { deep: true } }), []);
    assert.deepEqual(check(s, { port: '80', other: 1 }), [['port', 'type', 'must be an integer']]);
  });
  it('does not leak into nested objects that declare properties', () => {
    const s = {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { inner: { type: 'object', properties: { a: { type: 'string' } } } },
    };
    assert.deepEqual(check(s, { inner: { a: 'x', b: 1 } }), [['inner.b', 'unknown-field', 'unknown field "b"']]);
  });
});

describe('validateOpenApi: x-kubernetes-int-or-string', () => {
  const s = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^\\d+%$' };
  it('accepts integers and strings', () => {
    assert.deepEqual(check(s, 3), []);
    assert.deepEqual(check(s, '50%'), []);
  });
  it('rejects other types', () => {
    for (const v of [1.5, true, {}, []]) assert.deepEqual(check(s, v), [['', 'x-kubernetes-int-or-string', 'must be an integer or a string']]);
  });
  it('applies string keywords to strings only', () => {
    assert.deepEqual(check(s, 'half'), [['', 'pattern', 'does not match pattern ^\\d+%$']]);
  });
});

describe('validateOpenApi: x-kubernetes-embedded-resource', () => {
  const s = {
    type: 'object',
    properties: {
      template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      strict: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object', additionalProperties: { type: 'string' } } } },
    },
  };
  it('requires apiVersion and kind', () => {
    assert.deepEqual(check(s, { template: { kind: 'ConfigMap', data: {} } }), [['template.apiVersion', 'x-kubernetes-embedded-resource', 'is required']]);
    assert.deepEqual(check(s, { template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } }), []);
  });
  it('allows apiVersion, kind and metadata without declaring them', () => {
    assert.deepEqual(check(s, { strict: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { a: 'b' } }, data: { k: 'v' } } }), []);
    assert.deepEqual(check(s, { strict: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { a: 1 } }, other: 1 } }), [
      ['strict.metadata.labels.a', 'type', 'must be a string'],
      ['strict.other', 'unknown-field', 'unknown field "other"'],
    ]);
  });
});

describe('validateOpenApi: strings', () => {
  it('checks minLength and maxLength in code points', () => {
    const s = { type: 'string', minLength: 2, maxLength: 3 };
    assert.deepEqual(check(s, 'a'), [['', 'minLength', 'must be at least 2 characters']]);
    assert.deepEqual(check(s, 'abcd'), [['', 'maxLength', 'must be at most 3 characters']]);
    // three emoji are six UTF-16 units but three code points
    assert.deepEqual(check(s, '😀😀😀'), []);
    assert.deepEqual(check(s, '😀'), [['', 'minLength', 'must be at least 2 characters']]);
    assert.deepEqual(check({ type: 'string', minLength: 1 }, ''), [['', 'minLength', 'must be at least 1 character']]);
  });
  it('checks pattern (a search, not anchored unless the pattern is)', () => {
    const s = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' };
    assert.deepEqual(check(s, '1h30m'), []);
    assert.deepEqual(check(s, '10 minutes'), [['', 'pattern', 'does not match pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$']]);
    assert.deepEqual(check({ type: 'string', pattern: 'b' }, 'abc'), []);
  });
  it('skips a pattern that cannot be compiled instead of throwing', () => {
    assert.deepEqual(check({ type: 'string', pattern: '(?U)a+' }, 'zzz'), []);
    assert.deepEqual(check({ type: 'string', pattern: '([' }, 'zzz'), []);
  });
  it('accepts any string format', () => {
    assert.deepEqual(check({ type: 'string', format: 'date-time' }, 'not a date'), []);
  });
});

describe('compilePattern', () => {
  it('uses the u flag when it can', () => {
    assert.equal(compilePattern('^[\\-._a-zA-Z0-9]+$')?.flags, 'u');
    assert.ok(compilePattern('^.$')?.test('😀'));
  });
  it('falls back to non-unicode mode', () => {
    assert.ok(compilePattern('a{,3}')?.test('a{,3}'));
  });
  it('translates RE2-only syntax', () => {
    assert.ok(compilePattern('(?i)^abc$')?.test('ABC'));
    assert.ok(compilePattern('^(?P<word>[[:alpha:]]+)\\z')?.test('Hello'));
    assert.ok(!compilePattern('^[[:digit:]]+$')?.test('12a'));
    assert.ok(compilePattern('^\\pL+$')?.test('héllo'));
    assert.ok(compilePattern('^[]a]+$')?.test(']a]'));
  });
  it('returns undefined for what JavaScript cannot express, and caches', () => {
    assert.equal(compilePattern('(?U)a+'), undefined);
    assert.equal(compilePattern('(['), undefined);
    assert.equal(compilePattern('^x$'), compilePattern('^x$'));
  });
});

describe('validateOpenApi: numbers', () => {
  it('checks minimum and maximum', () => {
    const s = { type: 'integer', minimum: 0, maximum: 10 };
    assert.deepEqual(check(s, -1), [['', 'minimum', 'must be >= 0']]);
    assert.deepEqual(check(s, 11), [['', 'maximum', 'must be <= 10']]);
    assert.deepEqual(check(s, 0), []);
    assert.deepEqual(check(s, 10), []);
  });
  it('checks exclusive bounds (OpenAPI booleans and JSON Schema numbers)', () => {
    const s = { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true };
    assert.deepEqual(check(s, 0), [['', 'minimum', 'must be > 0']]);
    assert.deepEqual(check(s, 1), [['', 'maximum', 'must be < 1']]);
    assert.deepEqual(check(s, 0.5), []);
    assert.deepEqual(check({ type: 'number', exclusiveMinimum: 2 }, 2), [['', 'minimum', 'must be > 2']]);
  });
  it('checks int32 and int64 ranges', () => {
    assert.deepEqual(check({ type: 'integer', format: 'int32' }, 2 ** 31), [['', 'format', 'must fit in int32']]);
    assert.deepEqual(check({ type: 'integer', format: 'int32' }, -(2 ** 31)), []);
    assert.deepEqual(check({ type: 'integer', format: 'int64' }, 2n ** 63n), [['', 'format', 'must fit in int64']]);
    assert.deepEqual(check({ type: 'integer', format: 'int64' }, 2 ** 40), []);
  });
});

describe('validateOpenApi: arrays', () => {
  it('checks items with index paths', () => {
    const s = { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } };
    assert.deepEqual(check(s, [{ name: 'a' }, {}, { name: 3 }]), [
      ['1.name', 'required', 'is required'],
      ['2.name', 'type', 'must be a string'],
    ]);
  });
  it('checks minItems and maxItems', () => {
    const s = { type: 'array', minItems: 1, maxItems: 2 };
    assert.deepEqual(check(s, []), [['', 'minItems', 'must have at least 1 item']]);
    assert.deepEqual(check(s, [1, 2, 3]), [['', 'maxItems', 'must have at most 2 items']]);
  });
  it('reports duplicates in x-kubernetes-list-type set and map lists', () => {
    assert.deepEqual(check({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } }, ['a', 'b', 'a']), [
      ['2', 'x-kubernetes-list-type', 'duplicate value a'],
    ]);
    const map = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
    };
    assert.deepEqual(check(map, [{ name: 'a', port: 1 }, { name: 'b' }, { name: 'a', port: 2 }]), [
      ['2', 'x-kubernetes-list-type', 'duplicate entry with name=a'],
    ]);
  });
});

describe('validateOpenApi: enum', () => {
  it('lists the allowed values', () => {
    const s = { type: 'string', enum: ['HelmRepository', 'GitRepository', 'Bucket'] };
    assert.deepEqual(check(s, 'Bucket'), []);
    assert.deepEqual(check(s, 'OCIRepository'), [['', 'enum', 'must be one of: HelmRepository, GitRepository, Bucket']]);
  });
  it('compares numbers, null and objects by value', () => {
    assert.deepEqual(check({ enum: [1, 2, null] }, 2), []);
    assert.deepEqual(check({ enum: [1, 2, null] }, null), []);
    assert.deepEqual(check({ enum: [1, 2] }, '1'), [['', 'enum', 'must be one of: 1, 2']]);
    assert.deepEqual(check({ enum: [{ a: 1, b: [2] }] }, { b: [2], a: 1 }), []);
    assert.equal(check({ enum: [{ a: 1 }] }, { a: 2 }).length, 1);
  });
});

describe('validateOpenApi: allOf, anyOf, oneOf, not', () => {
  it('allOf reports the violations of every branch', () => {
    const s = { type: 'string', allOf: [{ minLength: 2 }, { pattern: '^a' }] };
    assert.deepEqual(check(s, 'ab'), []);
    assert.deepEqual(check(s, 'b'), [
      ['', 'minLength', 'must be at least 2 characters'],
      ['', 'pattern', 'does not match pattern ^a'],
    ]);
  });
  it('anyOf passes when one branch matches and summarises the failures otherwise', () => {
    const s = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] };
    assert.deepEqual(check(s, { a: 'x' }), []);
    assert.deepEqual(check(s, { b: 'x' }), []);
    assert.deepEqual(check(s, {}), [['', 'anyOf', 'must match at least one anyOf schema (a is required; b is required)']]);
  });
  it('branches do not reject fields they do not declare', () => {
    const s = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ properties: { a: { minLength: 2 } } }] };
    assert.deepEqual(check(s, { a: 'xx', b: 'y' }), []);
    assert.deepEqual(check(s, { a: 'x', b: 'y' }), [['', 'anyOf', 'must match at least one anyOf schema (a must be at least 2 characters)']]);
  });
  it('oneOf requires exactly one match', () => {
    const s = { type: 'object', additionalProperties: true, oneOf: [{ required: ['a'] }, { required: ['b'] }] };
    assert.deepEqual(check(s, { a: 1 }), []);
    assert.deepEqual(check(s, { a: 1, b: 2 }), [['', 'oneOf', 'must match exactly one oneOf schema, but matches 2']]);
    assert.deepEqual(check(s, {}), [['', 'oneOf', 'must match exactly one oneOf schema (a is required; b is required)']]);
  });
  it('not rejects a match', () => {
    const s = { type: 'string', not: { enum: ['latest'] } };
    assert.deepEqual(check(s, 'v1'), []);
    assert.deepEqual(check(s, 'latest'), [['', 'not', 'must not match the "not" schema']]);
  });
  it('reports junctor violations at nested paths', () => {
    const s = { type: 'object', properties: { spec: { type: 'object', properties: { x: { type: 'integer' } }, not: { required: ['x'] } } } };
    assert.deepEqual(check(s, { spec: { x: 1 } }), [['spec', 'not', 'must not match the "not" schema']]);
  });
});

describe('validateOpenApi: CEL rules', () => {
  const s: OpenApiSchema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' }, list: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.n > 0' }] } } },
        'x-kubernetes-validations': [{ rule: 'has(self.a) != has(self.b)', message: 'exactly one of a or b', reason: 'FieldValueInvalid' }],
      },
    },
  };
  it('are not evaluated by default', () => {
    assert.deepEqual(check(s, { spec: {} }), []);
  });
  it('are listed with wildcard paths by celRules', () => {
    assert.deepEqual(celRules(s), [
      { path: ['spec'], rule: 'has(self.a) != has(self.b)', message: 'exactly one of a or b', reason: 'FieldValueInvalid' },
      { path: ['spec', 'list', '*'], rule: 'self.n > 0' },
    ]);
    assert.deepEqual(celRules(s, ['spec', 'list', 0]), [{ path: ['spec', 'list', 0], rule: 'self.n > 0' }]);
    assert.deepEqual(celRules(s, ['nowhere']), []);
  });
  it('are evaluated by a caller-supplied evaluator at concrete paths', () => {
    const seen: CelRule[] = [];
    const evaluator = (rule: CelRule, self: unknown): boolean | string | undefined => {
      seen.push(rule);
      const o = self as Record<string, unknown>;
      if (rule.rule === 'has(self.a) != has(self.b)') return 'a' in o !== 'b' in o;
      if (rule.rule === 'self.n > 0') return (o.n as number) > 0 ? true : 'n must be positive';
      return undefined;
    };
    const found = validateOpenApi(s, { spec: { a: 'x', b: 'y', list: [{ n: 1 }, { n: 0 }] } }, { cel: evaluator });
    assert.deepEqual(brief(found), [
      ['spec.list.1', 'x-kubernetes-validations', 'n must be positive'],
      ['spec', 'x-kubernetes-validations', 'exactly one of a or b'],
    ]);
    assert.deepEqual(
      seen.map((r) => r.path.join('.')),
      ['spec.list.0', 'spec.list.1', 'spec'],
    );
  });
});

describe('validateOpenApi: resource mode', () => {
  const root: OpenApiSchema = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', properties: { name: { maxLength: 10 } } },
      spec: { type: 'object', properties: { a: { type: 'string' } } },
    },
  };
  const ok = { apiVersion: 'x.io/v1', kind: 'X', metadata: { name: 'ok', namespace: 'default', labels: { a: 'b' } }, spec: { a: 'y' } };
  it('accepts a valid object', () => {
    assert.deepEqual(brief(validateOpenApi(root, ok, { resource: true })), []);
  });
  it('requires metadata.name and checks ObjectMeta', () => {
    const found = validateOpenApi(root, { ...ok, metadata: { namespace: 'Bad_NS', labels: { a: 1 }, bogus: 1 } }, { resource: true });
    assert.deepEqual(brief(found), [
      ['metadata.name', 'required', 'is required'],
      ['metadata.namespace', 'metadata', 'must be a lowercase rfc 1123 label (a-z, 0-9, "-"; at most 63 characters)'],
      ['metadata.labels.a', 'type', 'must be a string'],
      ['metadata.bogus', 'unknown-field', 'unknown field "bogus"'],
    ]);
  });
  it('checks the name format and the schema restrictions on the name', () => {
    assert.deepEqual(brief(validateOpenApi(root, { ...ok, metadata: { name: 'Tempo' } }, { resource: true })), [
      ['metadata.name', 'metadata', 'must be a lowercase rfc 1123 subdomain (a-z, 0-9, "-", "."; at most 253 characters)'],
    ]);
    assert.deepEqual(brief(validateOpenApi(root, { ...ok, metadata: { name: 'a-very-long-name' } }, { resource: true })), [
      ['metadata.name', 'maxLength', 'must be at most 10 characters'],
    ]);
  });
  it('reports missing metadata, a non-string name and unknown top-level fields', () => {
    assert.deepEqual(brief(validateOpenApi(root, { apiVersion: 'x.io/v1', kind: 'X', specs: {} }, { resource: true })), [
      ['metadata', 'required', 'is required'],
      ['specs', 'unknown-field', 'unknown field "specs"'],
    ]);
    assert.deepEqual(brief(validateOpenApi(root, { ...ok, metadata: { name: 5 } }, { resource: true })), [['metadata.name', 'type', 'must be a string']]);
  });
});

describe('validateOpenApi: robustness', () => {
  it('never throws on odd schemas or values', () => {
    const odd: OpenApiSchema = { type: 7, properties: 'x', required: 'a', items: 3, enum: 'x', minLength: 'two', pattern: 5, allOf: {}, 'x-kubernetes-validations': [null, { rule: 1 }] };
    for (const value of [undefined, null, 1, 'x', [], {}, Symbol('s'), () => 1, new Date(0)]) {
      assert.doesNotThrow(() => validateOpenApi(odd, value));
      assert.doesNotThrow(() => validateOpenApi({ type: 'object', properties: { a: { type: 'string' } } }, value, { resource: true }));
    }
  });
  it('handles cyclic schemas and values', () => {
    const node: OpenApiSchema = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    const value: Record<string, unknown> = {};
    value.child = value;
    const found = validateOpenApi(node, value);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.keyword, 'depth');
    assert.deepEqual(celRules(node), []);
  });
  it('reuses the compiled schema for the same object', () => {
    const s = { type: 'object', properties: { a: { type: 'string', pattern: '^[a-z]+$' } } };
    assert.deepEqual(check(s, { a: 'abc' }), []);
    assert.deepEqual(check(s, { a: 'ABC' }), [['a', 'pattern', 'does not match pattern ^[a-z]+$']]);
  });
});
