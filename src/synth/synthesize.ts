import { ApiObject, Chart, type App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { hasErrors, type Diagnostic } from '../check/diagnostic';
import { runChecks } from '../check/engine';
import { defaultRules } from '../check/index';
import { parseYaml } from '../check/source';
import { GitOpsFolder, outputFileOf } from '../core/folder';
import { findingToDiagnostic, runRules } from '../core/validation';
import { locateValuePath, stringifyFile } from '../render/yaml';

/** A rendered output file. */
export interface RenderedFile {
  /** Path relative to the output root, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** The rendered tree and what was found on the way. */
export interface SynthResult {
  /** Files sorted by path. */
  readonly files: RenderedFile[];
  readonly diagnostics: Diagnostic[];
}

interface Placement {
  readonly path: string;
  readonly index: number;
}

/** The folder a chart's files go to: its `path` for a GitOpsFolder, else the chart id. */
function folderOf(chart: Chart): string {
  return GitOpsFolder.isGitOpsFolder(chart) ? chart.path : chart.node.id;
}

/** The ApiObject a finding points at: the construct itself, or its `Resource` child. */
function apiObjectOf(c: IConstruct): ApiObject | undefined {
  if (c instanceof ApiObject) return c;
  const child = c.node.tryFindChild('Resource');
  return child instanceof ApiObject ? child : undefined;
}

/**
 * Renders every chart of `app` into files (one folder per chart, a kustomization.yaml in each) and
 * runs the construct rules. Diagnostics point at the rendered file and line of the offending value
 * where one is known, and always name the construct. `outDir` is the output root as the user
 * should read it in messages (such as `gitops`).
 */
export function synthesize(app: App, outDir: string): SynthResult {
  const diagnostics: Diagnostic[] = [];
  const byFile = new Map<string, { objects: ApiObject[]; folder: string }>();
  const placement = new Map<ApiObject, Placement>();
  const folders = new Set<string>();

  const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  for (const chart of charts) {
    const folder = folderOf(chart);
    folders.add(folder);
    const objects = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
    for (const obj of objects) {
      const path = `${folder}/${outputFileOf(obj)}`;
      const entry = byFile.get(path) ?? { objects: [], folder };
      placement.set(obj, { path, index: entry.objects.length });
      entry.objects.push(obj);
      byFile.set(path, entry);
    }
  }

  const files: RenderedFile[] = [];
  const identities = new Map<string, string>();
  for (const [path, { objects }] of byFile) {
    const documents: unknown[] = [];
    for (const obj of objects) {
      const json = obj.toJson() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
      documents.push(json);
      const group = (json.apiVersion ?? '').split('/').slice(0, -1).join('/');
      const identity = `${group}/${json.kind}/${json.metadata?.namespace ?? ''}/${json.metadata?.name}`;
      const previous = identities.get(identity);
      if (previous) {
        diagnostics.push({
          ruleId: 'duplicate-resource',
          severity: 'error',
          message: `${json.kind} ${json.metadata?.namespace ? json.metadata.namespace + '/' : ''}${json.metadata?.name} is also defined in ${previous}`,
          hint: 'give one of them another name or namespace',
          file: `${outDir}/${path}`,
          constructPath: obj.node.path,
        });
      } else {
        identities.set(identity, `${outDir}/${path}`);
      }
    }
    const sources = [...new Set(objects.map((o) => o.node.scope?.node.path ?? o.node.path))];
    files.push({ path, content: stringifyFile(documents, generatedHeader(sources)) });
  }
  for (const folder of folders) {
    const resources = [...byFile.keys()]
      .filter((p) => p.startsWith(folder + '/') && !p.slice(folder.length + 1).includes('/'))
      .map((p) => p.slice(folder.length + 1))
      .sort();
    const path = `${folder}/kustomization.yaml`;
    if (byFile.has(path)) continue;
    files.push({
      path,
      content: stringifyFile(
        [{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }],
        generatedHeader([]),
      ),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const contentOf = new Map(files.map((f) => [f.path, f.content]));
  for (const finding of runRules(app)) {
    const target = finding.at ? apiObjectOf(finding.at.object) : undefined;
    const where = target ? placement.get(target) : undefined;
    if (where && finding.at) {
      const pos = locateValuePath(contentOf.get(where.path)!, where.index, finding.at.path, finding.at.inner);
      diagnostics.push(findingToDiagnostic(finding, `${outDir}/${where.path}`, pos?.line, pos?.column));
    } else {
      diagnostics.push(findingToDiagnostic(finding));
    }
  }
  // The self-check guards against what the construct rules did not catch (raw objects, bramble's
  // own bugs); after a construct error it would only repeat it without the construct path.
  if (!hasErrors(diagnostics)) diagnostics.push(...selfCheck(files, outDir));
  return { files, diagnostics };
}

/** The comment every generated file starts with. */
function generatedHeader(constructPaths: readonly string[]): string[] {
  return [
    `Generated by bramble${constructPaths.length ? ` from ${constructPaths.join(', ')}` : ''}. Do not edit:`,
    'change the stack in charts/ and run `npx bramble synth`.',
  ];
}

/**
 * The rules `bramble check` runs, on the rendered text before anything is written: a generated
 * tree that check would reject is never written.
 */
function selfCheck(files: readonly RenderedFile[], outDir: string): Diagnostic[] {
  return runChecks(
    files.map((f) => parseYaml(`${outDir}/${f.path}`, f.content)),
    defaultRules,
  );
}
