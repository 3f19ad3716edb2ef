import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from '../../../src/alloy/syntax';
import {
  validateAlloy,
  validateAlloyFiles,
  validateAlloySource,
  validateAlloySources,
  type AlloyDiagnostic,
} from '../../../src/alloy/validate';
import { diagnostics, findings } from './support';

/** Asserts exactly one diagnostic and returns it. */
function one(source: string, options = {}): AlloyDiagnostic {
  const ds = diagnostics(source, options);
  assert.equal(ds.length, 1, `expected one diagnostic, got ${JSON.stringify(ds.map((d) => `${d.code}@${d.start.line}:${d.start.column} ${d.message}`))}`);
  return ds[0] as AlloyDiagnostic;
}

function expectOne(source: string, code: string, line: number, column: number, message?: string, options = {}): AlloyDiagnostic {
  const d = one(source, options);
  assert.equal(d.code, code);
  assert.equal(d.start.line, line, 'line');
  assert.equal(d.start.column, column, 'column');
  if (message !== undefined) assert.equal(d.message, message);
  return d;
}

const exporter = `otelcol.exporter.otlp "default" {
	client {
		endpoint = "tempo:4317"
	}
}
`;

/** A batch processor with the given body lines, forwarding traces to the exporter above. */
const batch = (...lines: string[]): string => `otelcol.processor.batch "default" {
${lines.map((l) => `\t${l}\n`).join('')}
	output {
		traces = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;

describe('validateAlloy: a valid pipeline', () => {
  it('has no findings', () => {
    const source = `otelcol.receiver.otlp "default" {
	grpc {
		endpoint = "0.0.0.0:4317"
	}

	http { }

	output {
		traces = [otelcol.processor.batch.default.input]
	}
}

${batch('timeout = "200ms"', 'send_batch_size = 1000')}`;
    assert.deepEqual(findings(source), []);
  });

  it('takes a parsed file as well as text', () => {
    const { file } = parse(batch('timeout = 5'));
    assert.ok(file);
    const ds = validateAlloy(file);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]?.code, 'alloy-invalid-duration');
    assert.equal(ds[0]?.message, 'time: missing unit in duration "5"');
  });
});

describe('duplicates', () => {
  it('reports a second component with the same id at the second block, citing the first', () => {
    const d = expectOne(
      `${exporter}\n${exporter}`,
      'alloy-duplicate-component',
      7,
      1,
      'block otelcol.exporter.otlp.default already declared at 1:1',
    );
    // The range is the name, as long as the id.
    assert.equal(d.end?.column, 1 + 'otelcol.exporter.otlp.default'.length);
  });

  it('cites the file name when given one', () => {
    const d = one(`${exporter}${exporter}`, { filename: 'main.alloy' });
    assert.equal(d.message, 'block otelcol.exporter.otlp.default already declared at main.alloy:1:1');
    assert.equal(d.filename, 'main.alloy');
  });

  it('reports duplicate config blocks such as logging', () => {
    expectOne('logging {}\nlogging {}\n', 'alloy-duplicate-component', 2, 1, 'block logging already declared at 1:1');
  });

  it('reports duplicate declares and services', () => {
    assert.deepEqual(findings('declare "m" {}\ndeclare "m" {}\nhttp {}\nhttp {}\n'), [
      'alloy-duplicate-component@2:1',
      'alloy-duplicate-component@4:1',
    ]);
  });

  it('accepts the same label on different component types', () => {
    assert.deepEqual(findings(batch().replace('otelcol.exporter.otlp.default.input', 'otelcol.exporter.otlp.default.input')), []);
    assert.deepEqual(
      findings('local.file_match "logs" {\n\tpath_targets = []\n}\n\ndiscovery.relabel "logs" {\n\ttargets = local.file_match.logs.targets\n}\n'),
      [],
    );
  });

  it('reports a duplicate attribute at its second occurrence', () => {
    expectOne(batch('timeout = "1s"', 'timeout = "2s"'), 'alloy-duplicate-attribute', 3, 2, 'attribute "timeout" may only be provided once');
  });

  it('reports duplicate attributes in components outside the catalog and in open blocks', () => {
    expectOne('prometheus.scrape "s" {\n\ttargets = []\n\ttargets = []\n\tforward_to = []\n}\n', 'alloy-duplicate-attribute', 3, 2);
    expectOne(
      'loki.write "w" {\n\tendpoint {\n\t\turl = "http://a"\n\t\tbatch_wait = "1s"\n\t\tbatch_wait = "2s"\n\t}\n}\n',
      'alloy-duplicate-attribute',
      5,
      3,
    );
  });

  it('reports a duplicate attribute inside a foreach template once', () => {
    const source = 'foreach "f" {\n\tcollection = []\n\tvar = "x"\n\n\ttemplate {\n\t\tlocal.file "a" {\n\t\t\tfilename = "1"\n\t\t\tfilename = "2"\n\t\t}\n\t}\n}\n';
    expectOne(source, 'alloy-duplicate-attribute', 8, 4);
  });

  it('reports every occurrence of a non-repeatable block given twice', () => {
    const source = `otelcol.exporter.otlp "default" {
	client {
		endpoint = "a:4317"
	}

	client {
		endpoint = "b:4317"
	}
}
`;
    const ds = diagnostics(source);
    assert.deepEqual(ds.map((d) => `${d.code}@${d.start.line}:${d.start.column} ${d.message}`), [
      'alloy-repeated-block@2:2 block "client" may only be specified once',
      'alloy-repeated-block@6:2 block "client" may only be specified once',
    ]);
  });

  it('accepts repeatable blocks given several times', () => {
    const source = `otelcol.processor.tail_sampling "default" {
	policy {
		name = "a"
		type = "always_sample"
	}

	policy {
		name = "b"
		type = "latency"

		latency {
			threshold_ms = 500
		}
	}

	output {
		traces = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;
    assert.deepEqual(findings(source), []);
  });
});

describe('arguments of catalogued components', () => {
  it('reports an unknown attribute at the attribute', () => {
    expectOne(batch('timeot = "1s"'), 'alloy-unknown-argument', 2, 2, 'unrecognized attribute name "timeot"');
  });

  it('reports an unknown block at the block', () => {
    expectOne(batch('queue { }'), 'alloy-unknown-block', 2, 2, 'unrecognized block name "queue"');
  });

  it('reports unknown names in nested blocks', () => {
    const source = exporter.replace('endpoint = "tempo:4317"', 'endpoint = "tempo:4317"\n\t\tinsecure = true');
    expectOne(source, 'alloy-unknown-argument', 4, 3, 'unrecognized attribute name "insecure"');
  });

  it('rejects the deprecated arguments the Go structs dropped', () => {
    const queue = exporter.replace('\tclient {', '\tsending_queue {\n\t\tblocking = true\n\t}\n\n\tclient {');
    expectOne(queue, 'alloy-unknown-argument', 3, 3, 'unrecognized attribute name "blocking"');
  });

  it('reports a missing required attribute at the block', () => {
    const d = expectOne(
      'otelcol.processor.memory_limiter "default" {\n\tlimit = "512MiB"\n\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.default.input]\n\t}\n}\n\n' + exporter,
      'alloy-missing-argument',
      1,
      1,
      'missing required attribute "check_interval"',
    );
    assert.equal(d.end?.line, 7);
  });

  it('reports a missing required block', () => {
    expectOne('otelcol.exporter.otlp "default" {\n\ttimeout = "5s"\n}\n', 'alloy-missing-block', 1, 1, 'missing required block "client"');
  });

  it('reports missing required attributes in nested blocks', () => {
    expectOne(
      'otelcol.exporter.otlp "default" {\n\tclient {\n\t\tcompression = "gzip"\n\t}\n}\n',
      'alloy-missing-argument',
      2,
      2,
      'missing required attribute "endpoint"',
    );
  });

  it('reports an attribute used as a block', () => {
    expectOne(batch('timeout { }'), 'alloy-wrong-kind', 2, 2, '"timeout" must be an attribute, but is used as a block');
  });

  it('reports a block used as an attribute (which leaves the block missing, as in Alloy)', () => {
    const ds = diagnostics('otelcol.exporter.otlp "default" {\n\tclient = {endpoint = "x:1"}\n}\n');
    assert.deepEqual(ds.map((d) => `${d.code}@${d.start.line}:${d.start.column} ${d.message}`), [
      'alloy-wrong-kind@2:2 "client" must be a block, but is used as an attribute',
      'alloy-missing-block@1:1 missing required block "client"',
    ]);
  });

  it('reports decision_cache as an attribute, not a block', () => {
    const source = `otelcol.processor.tail_sampling "default" {
	decision_cache {
		sampled_cache_size = 10
	}

	policy {
		name = "a"
		type = "always_sample"
	}

	output { }
}
`;
    const ds = diagnostics(source).filter((d) => d.severity === 'error');
    assert.deepEqual(ds.map((d) => `${d.code}@${d.start.line}:${d.start.column}`), ['alloy-wrong-kind@2:2']);
  });

  it('reports a label on a nested block', () => {
    const d = expectOne(batch('debug_metrics "x" { }'), 'alloy-unexpected-label', 2, 16, 'block "debug_metrics" does not support specifying labels');
    assert.equal(d.end?.column, 19);
  });

  it('requires a label on components', () => {
    expectOne('otelcol.exporter.otlp {\n\tclient {\n\t\tendpoint = "x:1"\n\t}\n}\n', 'alloy-missing-label', 1, 1, 'component "otelcol.exporter.otlp" must have a label');
  });

  it('treats an empty label as no label', () => {
    expectOne('otelcol.exporter.otlp "" {\n\tclient {\n\t\tendpoint = "x:1"\n\t}\n}\n', 'alloy-missing-label', 1, 1);
  });

  it('accepts debug_metrics on every otelcol component', () => {
    assert.deepEqual(findings(batch('debug_metrics {', '\tdisable_high_cardinality_metrics = true', '}')), []);
  });
});

describe('literal types', () => {
  it('reports a bool where a string is expected, at the value', () => {
    const d = expectOne(batch('timeout = true'), 'alloy-type', 2, 12, 'expected string, got bool');
    assert.equal(d.end?.column, 16);
  });

  it('reports a string where a list is expected', () => {
    expectOne(batch('metadata_keys = "a"'), 'alloy-type', 2, 18, 'expected array, got string');
  });

  it('checks list elements', () => {
    expectOne(batch('metadata_keys = ["a", true]'), 'alloy-type', 2, 24, 'expected string, got bool');
  });

  it('converts numeric strings to numbers and numbers to strings, as Alloy does', () => {
    assert.deepEqual(findings(batch('send_batch_size = "1000"')), []);
    assert.deepEqual(findings(exporter.replace('"tempo:4317"', '4317')), []);
  });

  it('reports a non-numeric string where a number is expected', () => {
    expectOne(batch('send_batch_size = "many"'), 'alloy-type', 2, 20, 'expected number, got string');
  });

  it('reports a fractional or negative count', () => {
    expectOne(batch('send_batch_size = 1.5'), 'alloy-invalid-value', 2, 20);
    expectOne(batch('send_batch_size = -5'), 'alloy-invalid-value', 2, 20);
  });

  it('reports a literal where only a reference (capsule) fits', () => {
    expectOne(
      'otelcol.receiver.otlp "default" {\n\toutput {\n\t\ttraces = ["otelcol.exporter.otlp.default.input"]\n\t}\n}\n',
      'alloy-type',
      3,
      13,
      'expected capsule("otelcol.Consumer"), got string',
    );
  });

  it('leaves expressions that are not literals to run time', () => {
    assert.deepEqual(findings(batch('timeout = sys.env("TIMEOUT")', 'send_batch_size = 1000 * 2')), []);
  });

  it('reports an invalid duration with Go\'s message', () => {
    expectOne(batch('timeout = "5d"'), 'alloy-invalid-duration', 2, 12, 'time: unknown unit "d" in duration "5d"');
    expectOne(batch('timeout = "soon"'), 'alloy-invalid-duration', 2, 12, 'time: invalid duration "soon"');
  });

  it('checks durations inside lists', () => {
    const source = `otelcol.connector.servicegraph "default" {
	latency_histogram_buckets = ["100ms", "1x"]

	output {
		metrics = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;
    expectOne(source, 'alloy-invalid-duration', 2, 40, 'time: unknown unit "x" in duration "1x"');
  });

  it('reports an invalid byte size', () => {
    const source = 'otelcol.processor.memory_limiter "default" {\n\tcheck_interval = "1s"\n\tlimit = "512 MB"\n\n\toutput { }\n}\n';
    const ds = diagnostics(source).filter((d) => d.severity === 'error');
    assert.equal(ds[0]?.code, 'alloy-invalid-bytes');
    assert.equal(ds[0]?.start.line, 3);
    assert.equal(ds[0]?.start.column, 10);
  });

  it('reports a value outside an enumeration', () => {
    const source = 'otelcol.exporter.otlphttp "default" {\n\tencoding = "xml"\n\n\tclient {\n\t\tendpoint = "http://x"\n\t}\n}\n';
    expectOne(source, 'alloy-invalid-value', 2, 13, 'invalid encoding "xml": must be one of "proto", "json"');
  });

  it('reports Alloy\'s conversion error for a target that is not an object', () => {
    const source = 'loki.source.file "f" {\n\ttargets = [10]\n\tforward_to = []\n}\n';
    expectOne(source, 'alloy-type', 2, 13, "target::ConvertFrom: conversion from 'int64' is not supported");
  });
});

describe('cross-field rules', () => {
  it('rejects send_batch_max_size below send_batch_size, at send_batch_max_size', () => {
    expectOne(
      batch('send_batch_size = 5000', 'send_batch_max_size = 4000'),
      'alloy-batch-size',
      3,
      2,
      'send_batch_max_size must be greater or equal to send_batch_size when not 0',
    );
  });

  it('applies the default send_batch_max_size (3000) to a larger send_batch_size', () => {
    expectOne(batch('send_batch_size = 5000'), 'alloy-batch-size', 2, 2);
  });

  it('accepts send_batch_max_size = 0 (unlimited) and equal sizes', () => {
    assert.deepEqual(findings(batch('send_batch_size = 8192', 'send_batch_max_size = 0')), []);
    assert.deepEqual(findings(batch('send_batch_size = 3000')), []);
  });

  const limiter = (...lines: string[]): string =>
    `otelcol.processor.memory_limiter "default" {\n\tcheck_interval = "1s"\n${lines.map((l) => `\t${l}\n`).join('')}\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.default.input]\n\t}\n}\n\n${exporter}`;

  it('memory_limiter: limit or limit_percentage, not both', () => {
    expectOne(limiter('limit = "1GiB"', 'limit_percentage = 80'), 'alloy-memory-limiter', 4, 2, 'either limit or limit_percentage must be set, but not both');
  });

  it('memory_limiter: one of them must be set', () => {
    expectOne(limiter(), 'alloy-memory-limiter', 1, 1, 'either limit or limit_percentage must be set to greater than zero');
  });

  it('memory_limiter: spike_limit below limit', () => {
    expectOne(limiter('limit = "1GiB"', 'spike_limit = "1GiB"'), 'alloy-memory-limiter', 4, 2, 'spike_limit must be less than limit');
    assert.deepEqual(findings(limiter('limit = "1GiB"', 'spike_limit = "200MiB"')), []);
  });

  it('memory_limiter: limit_percentage needs spike_limit_percentage in (0, 100]', () => {
    expectOne(limiter('limit_percentage = 80'), 'alloy-memory-limiter', 3, 2);
    assert.deepEqual(findings(limiter('limit_percentage = 80', 'spike_limit_percentage = 20')), []);
  });

  it('memory_limiter: check_interval must be positive', () => {
    expectOne(limiter('limit = "1GiB"').replace('"1s"', '"0s"'), 'alloy-memory-limiter', 2, 2, 'check_interval must be greater than zero');
  });

  const spanmetrics = (histogram: string): string => `otelcol.connector.spanmetrics "default" {
	histogram {
${histogram}
	}

	output {
		metrics = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;

  it('spanmetrics: exactly one of explicit or exponential', () => {
    assert.deepEqual(findings(spanmetrics('\t\texplicit { }')), []);
    assert.deepEqual(findings(spanmetrics('\t\texponential {\n\t\t\tmax_size = 80\n\t\t}')), []);
    expectOne(spanmetrics('\t\tunit = "s"'), 'alloy-spanmetrics-histogram', 2, 2, 'histogram must have exactly one of explicit or exponential, but has neither');
    expectOne(spanmetrics('\t\texplicit { }\n\n\t\texponential { }'), 'alloy-spanmetrics-histogram', 2, 2);
  });

  it('spanmetrics: the histogram block is required', () => {
    expectOne(spanmetrics('').replace(/\thistogram \{\n\n\t\}\n\n/, ''), 'alloy-missing-block', 1, 1, 'missing required block "histogram"');
  });

  it('tail_sampling: at least one policy', () => {
    const source = `otelcol.processor.tail_sampling "default" {
	decision_wait = "10s"

	output {
		traces = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;
    expectOne(source, 'alloy-missing-block', 1, 1, 'missing required block "policy"');
  });

  it('tail_sampling: policies need a name and a known type', () => {
    const source = `otelcol.processor.tail_sampling "default" {
	policy {
		type = "sometimes"
	}

	output {
		traces = [otelcol.exporter.otlp.default.input]
	}
}

${exporter}`;
    assert.deepEqual(findings(source), ['alloy-invalid-value@3:10', 'alloy-missing-argument@2:2']);
  });

  it('TLS: *_pem and *_file are mutually exclusive', () => {
    const source = exporter.replace('endpoint = "tempo:4317"', 'endpoint = "tempo:4317"\n\n\t\ttls {\n\t\t\tca_pem = "x"\n\t\t\tca_file = "/ca.pem"\n\t\t}');
    expectOne(source, 'alloy-tls-conflict', 7, 4, 'at most one of ca_pem and ca_file must be configured');
  });
});

describe('references', () => {
  it('reports a reference to a missing component over the whole traversal', () => {
    const d = expectOne(
      batch().replace('otelcol.exporter.otlp.default.input', 'otelcol.exporter.otlp.tempo.input'),
      'alloy-unknown-reference',
      4,
      13,
      'component "otelcol.exporter.otlp.tempo.input" does not exist or is out of scope',
    );
    assert.equal(d.end?.column, 13 + 'otelcol.exporter.otlp.tempo.input'.length);
  });

  it('checks references in components outside the catalog', () => {
    expectOne(
      'prometheus.scrape "s" {\n\ttargets = []\n\tforward_to = [prometheus.remote_write.x.receiver]\n}\n',
      'alloy-unknown-reference',
      3,
      16,
    );
  });

  it('leaves the arguments of components outside the catalog unchecked', () => {
    assert.deepEqual(findings('prometheus.exporter.unix "n" {\n\tanything = true\n\n\tany_block { }\n}\n'), []);
  });

  it('accepts the stdlib, and warns about deprecated globals', () => {
    const source = `${batch('timeout = coalesce(sys.env("T"), string.format("%ds", 5), constants.hostname)')}
local.file "f" {
	filename = env("HOME")
}
`;
    const ds = diagnostics(source);
    assert.deepEqual(ds.map((d) => `${d.severity} ${d.code}@${d.start.line}:${d.start.column}`), ['warning alloy-stdlib-deprecated@16:13']);
  });

  it('resolves the shortest dotted prefix that is a component id, then checks the export', () => {
    expectOne(
      batch().replace('otelcol.exporter.otlp.default.input', 'otelcol.exporter.otlp.default.output'),
      'alloy-unknown-export',
      4,
      13,
      'component "otelcol.exporter.otlp.default" does not export "output"',
    );
  });

  it('checks the exports of arguments and declared components', () => {
    const source = `declare "m" {
	argument "in" { }

	local.file "f" {
		filename = argument.in.valu
	}

	export "out" {
		value = local.file.f.content
	}
}

m "x" {
	in = "a"
}

local.file "g" {
	filename = m.x.output
}
`;
    assert.deepEqual(findings(source), ['alloy-unknown-export@5:14', 'alloy-unknown-export@18:13']);
  });

  it('reports an export of a component that exports nothing', () => {
    const source = `otelcol.receiver.otlp "default" {
	output { }
}

local.file "f" {
	filename = otelcol.receiver.otlp.default.input
}
`;
    const ds = diagnostics(source).filter((d) => d.code === 'alloy-unknown-export');
    assert.equal(ds.length, 1);
    assert.equal(ds[0]?.start.line, 6);
  });

  it('accepts the exports of log pipeline components', () => {
    const source = `discovery.kubernetes "pods" {
	role = "pod"
}

discovery.relabel "pods" {
	targets = discovery.kubernetes.pods.targets

	rule {
		source_labels = ["__meta_kubernetes_namespace"]
		target_label  = "namespace"
	}
}

loki.source.kubernetes "pods" {
	targets    = discovery.relabel.pods.output
	forward_to = [loki.process.pods.receiver]
}

loki.process "pods" {
	stage.json {
		expressions = {level = "level"}
	}

	forward_to = [loki.relabel.pods.receiver]
}

loki.relabel "pods" {
	forward_to = [loki.write.default.receiver]

	rule {
		action = "labeldrop"
		regex  = "tmp_.*"
	}
}

loki.write "default" {
	endpoint {
		url = "http://loki:3100/loki/api/v1/push"
	}
}
`;
    assert.deepEqual(findings(source), []);
  });

  it('keeps declare bodies in their own scope', () => {
    const source = `local.file "outer" {
	filename = "/etc/x"
}

declare "mod" {
	argument "path" { }

	local.file "inner" {
		filename = argument.path.value
	}

	local.file "bad" {
		filename = local.file.outer.content
	}
}
`;
    expectOne(source, 'alloy-unknown-reference', 13, 14, 'component "local.file.outer.content" does not exist or is out of scope');
  });

  it('does not check references inside foreach templates, but checks the foreach arguments', () => {
    const source = `foreach "each_target" {
	collection = discovery.kubernetes.missing.targets
	var        = "t"

	template {
		prometheus.scrape "s" {
			targets    = [t]
			forward_to = [prometheus.remote_write.outside.receiver]
		}
	}
}
`;
    expectOne(source, 'alloy-unknown-reference', 2, 15);
  });

  it('warns when a component shadows a stdlib name', () => {
    const source = 'declare "sys" {\n\texport "env" {\n\t\tvalue = "x"\n\t}\n}\n\nsys "sys" { }\n\nlocal.file "f" {\n\tfilename = sys.sys.env\n}\n';
    const d = expectOne(source, 'alloy-stdlib-shadowed', 10, 13, 'a component is shadowing an existing stdlib name');
    assert.equal(d.severity, 'warning');
  });
});

describe('cycles', () => {
  it('reports each member of a cycle, in id order, on the block header', () => {
    const source = `loki.relabel "b" {
	forward_to = [loki.relabel.a.receiver]
}

loki.relabel "a" {
	forward_to = [loki.relabel.b.receiver]
}
`;
    const ds = diagnostics(source);
    assert.deepEqual(ds.map((d) => `${d.code}@${d.start.line}:${d.start.column} ${d.message}`), [
      'alloy-cycle@5:1 cycle detected: loki.relabel.a, loki.relabel.b',
      'alloy-cycle@1:1 cycle detected: loki.relabel.a, loki.relabel.b',
    ]);
    assert.equal(ds[0]?.end?.column, 19); // through the `{`
  });

  it('reports a component that references itself', () => {
    expectOne('loki.relabel "a" {\n\tforward_to = [loki.relabel.a.receiver]\n}\n', 'alloy-cycle', 1, 1, 'cannot reference self');
  });

  it('finds cycles through otelcol pipelines', () => {
    const source = `otelcol.processor.batch "a" {
	output {
		traces = [otelcol.processor.batch.b.input]
	}
}

otelcol.processor.batch "b" {
	output {
		traces = [otelcol.processor.batch.a.input]
	}
}
`;
    assert.deepEqual(findings(source), ['alloy-cycle@1:1', 'alloy-cycle@7:1']);
  });
});

describe('dangling outputs', () => {
  it('warns about a receiver whose output forwards nothing', () => {
    const d = expectOne('otelcol.receiver.otlp "default" {\n\tgrpc { }\n\n\toutput { }\n}\n', 'alloy-dangling-output', 4, 2);
    assert.equal(d.severity, 'warning');
  });

  it('treats empty lists as forwarding nothing', () => {
    expectOne(batch().replace('[otelcol.exporter.otlp.default.input]', '[]'), 'alloy-dangling-output', 3, 2);
  });

  it('warns about a processor receiving a signal its output drops', () => {
    const source = `otelcol.receiver.otlp "default" {
	output {
		logs   = [otelcol.processor.batch.default.input]
		traces = [otelcol.processor.batch.default.input]
	}
}

${batch()}`;
    const d = expectOne(source, 'alloy-dangling-output', 10, 2, 'otelcol.processor.batch.default receives logs but its output sends logs nowhere');
    assert.equal(d.severity, 'warning');
  });

  it('accepts outputs computed at run time', () => {
    assert.deepEqual(findings(batch().replace('[otelcol.exporter.otlp.default.input]', 'array.concat([], [])')), []);
  });
});

describe('Helm templating', () => {
  const templated = exporter.replace('"tempo:4317"', '"{{ .Values.tempo }}:4317"');

  it('reports every {{ when the content is bound for the Helm chart', () => {
    const d = expectOne(templated, 'alloy-helm-template', 3, 15, undefined, { helmTemplated: true });
    assert.equal(d.end?.column, 17);
  });

  it('finds {{ in comments too, from text and from a parsed file', () => {
    const source = `// see {{ .Release.Name }}\n${templated}`;
    assert.deepEqual(findings(source, { helmTemplated: true }), ['alloy-helm-template@1:8', 'alloy-helm-template@4:15']);
    const { file } = parse(source);
    assert.ok(file);
    assert.deepEqual(
      validateAlloy(file, { helmTemplated: true }).map((d) => `${d.code}@${d.start.line}:${d.start.column}`),
      ['alloy-helm-template@1:8', 'alloy-helm-template@4:15'],
    );
  });

  it('counts byte columns after non-ASCII text', () => {
    // `é` is two bytes: the `{{` starts at byte column 17.
    expectOne('local.file "f" {\n\tfilename = "é/{{x}}"\n}\n', 'alloy-helm-template', 2, 17, undefined, { helmTemplated: true });
  });

  it('accepts {{ when the content is not templated', () => {
    assert.deepEqual(findings(templated), []);
  });
});

describe('modules, config blocks and custom components', () => {
  it('reports an attribute at the top level', () => {
    expectOne('x = 1\n', 'alloy-top-level-attribute', 1, 1, 'unrecognized attribute x');
  });

  it('reports a custom component that is not declared in scope', () => {
    expectOne('declare "outer" {\n\tdeclare "inner" { }\n}\n\ninner "x" { }\n', 'alloy-unknown-component', 5, 1, 'cannot find the definition of component name "inner"');
  });

  it('checks custom components against their declared arguments', () => {
    const source = `declare "m" {
	argument "needed" {
		optional = false
	}

	argument "maybe" {
		optional = true
	}
}

m "x" {
	maybe = 1
	extra = 2
}
`;
    assert.deepEqual(
      diagnostics(source).map((d) => `${d.code}@${d.start.line}:${d.start.column} ${d.message}`),
      ['alloy-unknown-argument@13:2 unrecognized attribute name "extra"', 'alloy-missing-argument@11:1 missing required attribute "needed"'],
    );
  });

  it('reports service and logging blocks inside a module, and argument/export at the root', () => {
    assert.deepEqual(findings('declare "m" {\n\tlogging { }\n}\n\nargument "a" { }\n'), [
      'alloy-not-allowed@2:2',
      'alloy-not-allowed@5:1',
    ]);
  });

  it('requires labels on declare, import and foreach blocks', () => {
    assert.deepEqual(findings('declare { }\n\nimport.file {\n\tfilename = "x"\n}\n'), ['alloy-missing-label@1:1', 'alloy-missing-label@3:1']);
  });

  it('reports an imported namespace used out of scope', () => {
    const source = `declare "m" {
	import.file "lib" {
		filename = "lib.alloy"
	}

	lib.thing "ok" { }
}

lib.thing "bad" { }
`;
    expectOne(source, 'alloy-unknown-component', 9, 1, 'cannot find the definition of component name "lib.thing"');
  });

  it('checks config blocks: logging arguments, import.string content', () => {
    assert.deepEqual(findings('logging {\n\tlevel = "info"\n\tcolour = true\n}\n\nimport.string "s" { }\n'), [
      'alloy-unknown-argument@3:2',
      'alloy-missing-argument@6:1',
    ]);
  });
});

describe('syntax errors and multiple files', () => {
  it('turns syntax errors into alloy-syntax diagnostics and stops there', () => {
    const ds = validateAlloySource('a "b" {\n\tx = [1\n}\n');
    assert.ok(ds.length > 0);
    assert.ok(ds.every((d) => d.code === 'alloy-syntax'));
    assert.equal(ds[0]?.message, "missing ',' in expression list");
  });

  it('validates several files as one config', () => {
    const a = parse(exporter).file;
    const b = parse(`\n${exporter}`).file;
    assert.ok(a && b);
    const ds = validateAlloyFiles([
      { filename: 'a.alloy', file: a },
      { filename: 'b.alloy', file: b },
    ]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]?.filename, 'b.alloy');
    assert.equal(ds[0]?.message, 'block otelcol.exporter.otlp.default already declared at a.alloy:1:1');
  });

  it('resolves references across files', () => {
    const ds = validateAlloySources([
      { filename: 'exporter.alloy', source: exporter },
      { filename: 'batch.alloy', source: batch().slice(0, batch().indexOf(exporter)) },
    ]);
    assert.deepEqual(ds, []);
  });
});

describe('scale', () => {
  it('validates thousands of pipelines and a 20,000-long reference chain without overflowing', () => {
    let big = '';
    for (let i = 0; i < 2000; i++) {
      big += `otelcol.processor.batch "b${i}" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.e${i}.input]\n\t}\n}\n\n`;
      big += `otelcol.exporter.otlp "e${i}" {\n\tclient {\n\t\tendpoint = "tempo:4317"\n\t}\n}\n\n`;
    }
    assert.deepEqual(findings(big), []);

    let chain = '';
    const n = 20000;
    for (let i = 0; i < n; i++) chain += `loki.relabel "l${i}" {\n\tforward_to = [loki.relabel.l${(i + 1) % n}.receiver]\n}\n`;
    const ds = diagnostics(chain);
    assert.equal(ds.length, n);
    assert.ok(ds.every((d) => d.code === 'alloy-cycle'));
  });
});
