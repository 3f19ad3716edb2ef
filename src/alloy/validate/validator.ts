/**
 * The checks of `alloy validate`, applied to parsed Alloy files with the component catalog.
 *
 * Model (notes §3 and §6, `alloy validate`'s behaviour as its goldens show it):
 * - A config is a set of files validated as one module. Each module (the root, every `declare`
 *   body) and every `foreach` template is a scope with its own component ids.
 * - In a scope, blocks are handled in this order, and their findings reported in it: `declare`
 *   blocks (each followed by its body's findings), config blocks (`logging`, `tracing`,
 *   `argument`, `export`, `foreach`, `import.*`), components, service blocks. For each block:
 *   label and duplicate findings, then argument checks, then its references. Cycles close the scope.
 * - References resolve against the scope's ids (shortest dotted prefix wins) or the stdlib.
 *   A declare body sees only its own ids; references inside `foreach` templates are not checked
 *   (they may use the template variable), as in Alloy.
 */
import {
  CONFIG_BLOCK_NAMES,
  SERVICE_BLOCK_NAMES,
  configBlockSchemas,
  getComponentSchema,
  type BodySchema,
  type ComponentSchema,
  type Signal,
} from '../catalog';
import type { AlloyFile, BlockStmt, Expr, Located, Position, Statement } from '../syntax';
import { ALLOY_DIAGNOSTIC_CODES as C, type AlloyDiagnostic, type AlloySeverity } from './diagnostic';
import { stronglyConnectedComponents } from './graph';
import { helmTemplateFindingsInFile } from './helm';
import { DEPRECATED_STDLIB_NAMES, SCOPE_VARIABLES, STDLIB_NAMES, traversalsOfExpr, type Traversal } from './references';
import { advance, checkBody, checkDuplicateAttributes, utf8Length, type Report } from './typecheck';

/** Options of the validator. */
export interface ValidateOptions {
  /**
   * The content is bound for the Alloy Helm chart (`alloy.configMap.content`), which renders it
   * with `tpl`: any `{{` is then an error.
   */
  readonly helmTemplated?: boolean;
  /**
   * The file name, for messages that cite another position (`block x already declared at
   * main.alloy:1:1`) and for `filename` on diagnostics. Without it positions read `1:1`.
   */
  readonly filename?: string;
}

/** One file of a multi-file config. */
export interface AlloyFileInput {
  readonly filename: string;
  readonly file: AlloyFile;
}

/** A block to validate, with the file it comes from. */
interface Item {
  readonly stmt: BlockStmt;
  readonly filename: string | undefined;
}

type NodeKind = 'declare' | 'config' | 'component' | 'service';

interface GraphNode {
  /** The id references use (renamed when it duplicates an earlier one, so nothing resolves to it). */
  id: string;
  readonly block: BlockStmt;
  readonly kind: NodeKind;
  readonly filename: string | undefined;
  /** Label, duplicate and placement findings, reported before argument checks. */
  readonly early: AlloyDiagnostic[];
  /** The statements whose references belong to this node. */
  readonly refBody: readonly Statement[];
  /** A declare body or foreach template. */
  child?: Scope;
  readonly index: number;
  readonly edges: number[];
  /** The schema used to check it, once resolved. */
  schema?: { body: BodySchema; exports?: ReadonlySet<string> } | undefined;
  /** For a custom component defined nowhere in scope: the finding. */
  notFound?: AlloyDiagnostic;
  /** Reference findings, reported after the argument checks. */
  refFindings?: AlloyDiagnostic[];
  /** The signals other components' outputs send to this one's `input`. */
  receives?: Set<Signal>;
}

/** A declared custom component. */
interface CustomComponent {
  readonly body: BodySchema;
  readonly exports: ReadonlySet<string>;
}

interface Scope {
  readonly root: boolean;
  readonly foreach: boolean;
  readonly skipRefs: boolean;
  readonly parent: Scope | undefined;
  readonly custom: Map<string, CustomComponent>;
  readonly imports: Set<string>;
  readonly nodes: GraphNode[];
  readonly byId: Map<string, GraphNode>;
  /** Statement-level findings (attributes where only blocks belong). */
  readonly early: AlloyDiagnostic[];
  /** The ids as a trie of their dotted segments, built on first use (see {@link resolve}). */
  trie?: Map<string, IdTrie>;
}

const MESSAGES = {
  alreadyDeclared: (id: string, where: string) => `block ${id} already declared at ${where}`,
};

/** The id of a top-level block: its name, plus `.label` when it has a non-empty label. */
export function blockId(b: BlockStmt): string {
  return b.label ? `${b.name}.${b.label}` : b.name;
}

class Validator {
  private readonly out: AlloyDiagnostic[] = [];
  /** Every `import.*` label anywhere in the config: names known to be module namespaces. */
  private readonly allImports = new Set<string>();

  public constructor(private readonly namedFiles: boolean) {}

  public run(items: readonly Item[], attributes: readonly { stmt: Statement; filename: string | undefined }[]): AlloyDiagnostic[] {
    const root = this.buildScope(items, { root: true, foreach: false, skipRefs: false, parent: undefined });
    for (const a of attributes) {
      if (a.stmt.kind === 'Attribute') {
        root.early.push(this.diag(C.topLevelAttribute, 'error', `unrecognized attribute ${a.stmt.name.name}`, a.stmt, a.filename));
      }
    }
    this.checkScope(root);
    return this.out;
  }

  // ----------------------------------------------------------------------------------------
  // Building scopes: classify blocks, assign ids, find duplicates, register declares/imports.

  private buildScope(
    items: readonly Item[],
    shape: { root: boolean; foreach: boolean; skipRefs: boolean; parent: Scope | undefined },
  ): Scope {
    const scope: Scope = { ...shape, custom: new Map(), imports: new Set(), nodes: [], byId: new Map(), early: [] };
    const declares: Item[] = [];
    const configs: Item[] = [];
    const components: Item[] = [];
    const services: Item[] = [];
    for (const item of items) {
      const name = item.stmt.name;
      if (name === 'declare') declares.push(item);
      else if (CONFIG_BLOCK_NAMES.has(name)) configs.push(item);
      else if (SERVICE_BLOCK_NAMES.has(name)) services.push(item);
      else components.push(item);
    }

    const seenDeclares = new Map<string, Item>();
    declares.forEach((item, i) => {
      const node = this.addNode(scope, item, 'declare', []);
      const b = item.stmt;
      if (!b.label) {
        node.early.push(this.nameDiag(C.missingLabel, 'declare block must have a label', b, 'declare'.length, item.filename));
      } else {
        scope.custom.set(b.label, customComponentOf(b));
      }
      this.checkDuplicate(seenDeclares, node, item, i);
      node.child = this.buildScope(blocksOf(b.body, item.filename, (s) => node.early.push(this.unsupported(s, item.filename))), {
        root: false,
        foreach: false,
        skipRefs: false,
        parent: scope,
      });
    });

    const seenConfigs = new Map<string, Item>();
    configs.forEach((item, i) => {
      const b = item.stmt;
      let refBody: readonly Statement[] = b.body;
      let template: BlockStmt | undefined;
      if (b.name === 'foreach') {
        template = [...b.body].reverse().find((s): s is BlockStmt => s.kind === 'Block' && s.name === 'template');
        refBody = b.body.filter((s) => !(s.kind === 'Block' && s.name === 'template'));
      }
      const node = this.addNode(scope, item, 'config', refBody);
      const duplicate = this.checkDuplicate(seenConfigs, node, item, i);
      if (b.name.startsWith('import.') && b.label) {
        this.allImports.add(b.label);
        if (!duplicate) scope.imports.add(b.label);
      }
      if (b.name !== 'logging' && b.name !== 'tracing' && !b.label) {
        node.early.push(this.nameDiag(C.missingLabel, `${b.name} block must have a label`, b, utf8Length(b.name), item.filename));
      }
      switch (b.name) {
        case 'logging':
        case 'tracing':
          this.checkAllowed(scope, node, item);
          break;
        case 'argument':
        case 'export':
          if (scope.root) {
            node.early.push(this.diag(C.notAllowed, 'error', `${b.name} blocks only allowed inside a module`, b, item.filename));
          }
          break;
        case 'foreach':
          if (!template) {
            node.early.push(this.diag(C.missingBlock, 'error', 'missing required block "template"', b, item.filename));
          } else {
            node.child = this.buildScope(
              blocksOf(template.body, item.filename, (s) => node.early.push(this.unsupported(s, item.filename))),
              { root: scope.root, foreach: true, skipRefs: true, parent: scope },
            );
          }
          break;
      }
      const schema = configBlockSchemas.get(b.name);
      if (schema) {
        // Only `argument` blocks export something (`value`); references to other config blocks
        // are left alone.
        node.schema = schema.exports.length > 0 ? { body: schema.body, exports: new Set(schema.exports.map((e) => e.name)) } : { body: schema.body };
      }
    });

    const seenComponents = new Map<string, Item>();
    components.forEach((item, i) => {
      const b = item.stmt;
      const node = this.addNode(scope, item, 'component', b.body);
      if (!b.label) {
        node.early.push(this.nameDiag(C.missingLabel, `component "${b.name}" must have a label`, b, utf8Length(b.name), item.filename));
      }
      this.checkDuplicate(seenComponents, node, item, i);
    });

    const seenServices = new Map<string, Item>();
    services.forEach((item, i) => {
      const node = this.addNode(scope, item, 'service', item.stmt.body);
      this.checkDuplicate(seenServices, node, item, i);
      this.checkAllowed(scope, node, item);
      const schema = configBlockSchemas.get(item.stmt.name);
      if (schema) node.schema = { body: schema.body };
    });
    return scope;
  }

  private addNode(scope: Scope, item: Item, kind: NodeKind, refBody: readonly Statement[]): GraphNode {
    const node: GraphNode = {
      id: blockId(item.stmt),
      block: item.stmt,
      kind,
      filename: item.filename,
      early: [],
      refBody,
      index: scope.nodes.length,
      edges: [],
    };
    scope.nodes.push(node);
    if (!scope.byId.has(node.id)) scope.byId.set(node.id, node);
    return node;
  }

  /** Reports a second block with the same id; returns whether it is one. */
  private checkDuplicate(seen: Map<string, Item>, node: GraphNode, item: Item, i: number): boolean {
    const id = blockId(item.stmt);
    const first = seen.get(id);
    if (!first) {
      seen.set(id, item);
      return false;
    }
    const where = this.where(first.stmt.start as Position, first.filename);
    node.early.push(this.nameDiag(C.duplicateComponent, MESSAGES.alreadyDeclared(id, where), item.stmt, utf8Length(id), item.filename));
    node.id = `${id}-${i}`;
    return true;
  }

  private checkAllowed(scope: Scope, node: GraphNode, item: Item): void {
    const id = blockId(item.stmt);
    if (!scope.root) {
      node.early.push(this.nameDiag(C.notAllowed, `${id} not allowed in module`, item.stmt, utf8Length(id), item.filename));
    } else if (scope.foreach) {
      node.early.push(this.nameDiag(C.notAllowed, `${id} not allowed in foreach`, item.stmt, utf8Length(id), item.filename));
    }
  }

  private unsupported(s: Statement, filename: string | undefined): AlloyDiagnostic {
    return this.diag(C.topLevelAttribute, 'error', 'unsupported statement type *ast.AttributeStmt', s as Located, filename);
  }

  // ----------------------------------------------------------------------------------------
  // Checking scopes.

  private checkScope(scope: Scope): void {
    this.emit(scope.early);
    // Resolve every component's schema first: references are checked against targets' exports.
    for (const node of scope.nodes) {
      if (node.kind !== 'component') continue;
      const resolved = this.resolveComponent(scope, node);
      if (resolved && 'unknown' in resolved) node.notFound = resolved.unknown;
      else node.schema = resolved;
    }
    // One pass over every node's references: graph edges, reference findings (reported with the
    // node below), and the signals each component receives (for the dangling-output check).
    for (const node of scope.nodes) {
      const checkRefs = !scope.skipRefs && node.kind !== 'declare' && !node.notFound;
      const name = node.block.name;
      const feeds = name === 'tracing' ? 'tracing' : name.startsWith('otelcol.') ? 'output' : undefined;
      if (checkRefs || feeds) this.walkReferences(scope, node, checkRefs, feeds);
    }
    for (const node of scope.nodes) {
      this.emit(node.early);
      const report: Report = (code, message, at, severity = 'error') =>
        this.out.push(this.diag(code, severity, message, at, node.filename));
      // As in Alloy: an undefined component gets neither argument nor reference checks.
      if (node.notFound) this.out.push(node.notFound);
      if (node.schema) checkBody(node.block, node.schema.body, report);
      else if (!node.notFound && node.kind !== 'declare') checkDuplicateAttributes(node.block, report);
      if (node.kind === 'component') this.checkOutputs(node, report);
      if (node.refFindings) this.emit(node.refFindings);
      if (node.child) this.checkScope(node.child);
    }
    this.checkCycles(scope);
  }

  /**
   * The schema of a component; `{ unknown }` (the diagnostic to report) for a custom component
   * that is not defined in scope; undefined when the catalog does not model it.
   */
  private resolveComponent(scope: Scope, node: GraphNode): GraphNode['schema'] | { unknown: AlloyDiagnostic } {
    const name = node.block.name;
    const catalogued = getComponentSchema(name);
    if (catalogued) return catalogSchema(catalogued);
    const notFound = (): { unknown: AlloyDiagnostic } => ({
      unknown: this.nameDiag(C.unknownComponent, `cannot find the definition of component name "${name}"`, node.block, utf8Length(name), node.filename),
    });
    if (!name.includes('.')) {
      // Every built-in component is namespaced (`local.file`), so this must be a declared one.
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const custom = s.custom.get(name);
        if (custom) return custom;
      }
      return notFound();
    }
    const namespace = name.slice(0, name.indexOf('.'));
    if (this.allImports.has(namespace)) {
      // A module namespace: it must be imported in this scope or an enclosing one.
      for (let s: Scope | undefined = scope; s; s = s.parent) if (s.imports.has(namespace)) return undefined;
      return notFound();
    }
    return undefined;
  }

  /**
   * Resolves the references of a node: adds graph edges and reference findings (when `checkRefs`),
   * and records which signals targets receive from this node's `output` block (otelcol
   * components) or `write_to` (the tracing block).
   */
  private walkReferences(
    scope: Scope,
    node: GraphNode,
    checkRefs: boolean,
    feeds: 'output' | 'tracing' | undefined,
  ): void {
    const report: Report = (code, message, at, severity = 'error') =>
      (node.refFindings ??= []).push(this.diag(code, severity, message, at, node.filename));
    const visit = (t: Traversal, signal: Signal | undefined): void => {
      const first = t[0];
      const last = t[t.length - 1];
      if (!first || !last) return;
      const target = resolve(scope, t);
      if (signal && target && t[target.length]?.name === 'input') (target.node.receives ??= new Set()).add(signal);
      if (!checkRefs) return;
      if (target) {
        node.edges.push(target.node.index);
        if (STDLIB_NAMES.has(first.name) || DEPRECATED_STDLIB_NAMES.has(first.name)) {
          report(C.stdlibShadowed, 'a component is shadowing an existing stdlib name', first, 'warning');
        }
        const exportName = t[target.length];
        const exports = target.node.schema?.exports;
        if (exportName && exports && !exports.has(exportName.name)) {
          report(C.unknownExport, `component "${blockId(target.node.block)}" does not export "${exportName.name}"`, {
            start: first.start as Position,
            end: exportName.end,
          });
        }
      } else if (STDLIB_NAMES.has(first.name) || SCOPE_VARIABLES.has(first.name)) {
        // In scope.
      } else if (DEPRECATED_STDLIB_NAMES.has(first.name)) {
        report(
          C.stdlibDeprecated,
          'this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives',
          first,
          'warning',
        );
      } else {
        report(C.unknownReference, `component "${t.map((i) => i.name).join('.')}" does not exist or is out of scope`, {
          start: first.start as Position,
          end: last.end,
        });
      }
    };
    const walk = (body: readonly Statement[], outputBlock: boolean): void => {
      for (const stmt of body) {
        if (stmt.kind === 'Attribute') {
          const attr = stmt.name.name;
          let signal: Signal | undefined;
          if (stmt.value.kind === 'Array') {
            if (outputBlock && (attr === 'metrics' || attr === 'logs' || attr === 'traces')) signal = attr;
            else if (feeds === 'tracing' && body === node.refBody && attr === 'write_to') signal = 'traces';
          }
          for (const t of traversalsOfExpr(stmt.value)) visit(t, signal);
        } else if (stmt.kind === 'Block') {
          walk(stmt.body, feeds === 'output' && body === node.refBody && stmt.name === 'output');
        }
      }
    };
    walk(node.refBody, false);
  }

  /**
   * Warns about an otelcol receiver/processor/connector whose `output` forwards nothing at all,
   * or (processors) that receives a signal its output does not forward.
   */
  private checkOutputs(node: GraphNode, report: Report): void {
    const received = node.receives;
    const name = node.block.name;
    const catalogued = getComponentSchema(name);
    const isPipeline = catalogued
      ? catalogued.output !== undefined
      : /^otelcol\.(receiver|processor|connector)\./.test(name);
    if (!isPipeline) return;
    let output: BlockStmt | undefined;
    for (const s of node.block.body) if (s.kind === 'Block' && s.name === 'output') output = s;
    if (!output) return;
    const forwards = new Map<Signal, boolean>();
    for (const signal of ['metrics', 'logs', 'traces'] as const) forwards.set(signal, forwardsSomewhere(output, signal));
    const id = blockId(node.block);
    if (![...forwards.values()].some(Boolean)) {
      report(C.danglingOutput, `${id} sends nowhere: its output block forwards no metrics, logs or traces`, output, 'warning');
      return;
    }
    if (!name.startsWith('otelcol.processor.') || !received) return;
    for (const signal of ['metrics', 'logs', 'traces'] as const) {
      if (received.has(signal) && !forwards.get(signal)) {
        report(C.danglingOutput, `${id} receives ${signal} but its output sends ${signal} nowhere`, output, 'warning');
      }
    }
  }

  private checkCycles(scope: Scope): void {
    const sccs = stronglyConnectedComponents(
      scope.nodes.length,
      scope.nodes.map((n) => n.edges),
    );
    for (const scc of sccs) {
      if (scc.length < 2) continue;
      const members = scc.map((i) => scope.nodes[i] as GraphNode).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const message = `cycle detected: ${members.map((m) => m.id).join(', ')}`;
      for (const m of members) this.out.push(this.headerDiag(C.cycle, message, m));
    }
    for (const node of scope.nodes) {
      if (node.edges.includes(node.index)) this.out.push(this.headerDiag(C.cycle, 'cannot reference self', node));
    }
  }

  // ----------------------------------------------------------------------------------------
  // Diagnostics.

  private emit(ds: readonly AlloyDiagnostic[]): void {
    for (const d of ds) this.out.push(d);
  }

  private where(p: Position, filename: string | undefined): string {
    return this.namedFiles && filename !== undefined ? `${filename}:${p.line}:${p.column}` : `${p.line}:${p.column}`;
  }

  public diag(code: string, severity: AlloySeverity, message: string, at: Located | { start: Position; end?: Position | undefined }, filename: string | undefined): AlloyDiagnostic {
    const start = at.start as Position;
    const d: { -readonly [K in keyof AlloyDiagnostic]: AlloyDiagnostic[K] } = { code, severity, message, start };
    if (at.end) d.end = at.end;
    if (filename !== undefined) d.filename = filename;
    return d;
  }

  /** A diagnostic on the first `length` bytes of a block's name (how Alloy marks ids). */
  private nameDiag(code: string, message: string, b: BlockStmt, length: number, filename: string | undefined): AlloyDiagnostic {
    const start = b.start as Position;
    return this.diag(code, 'error', message, { start, end: advance(start, length) }, filename);
  }

  /** A diagnostic on a block's header, name to `{` (how Alloy marks cycles). */
  private headerDiag(code: string, message: string, node: GraphNode): AlloyDiagnostic {
    const b = node.block;
    const end = b.lcurly ? advance(b.lcurly, 1) : b.end;
    return this.diag(code, 'error', message, { start: b.start as Position, end }, node.filename);
  }
}

const catalogSchemas = new WeakMap<ComponentSchema, NonNullable<GraphNode['schema']>>();

/** The body and export names of a catalogued component (built once per schema). */
function catalogSchema(c: ComponentSchema): NonNullable<GraphNode['schema']> {
  let schema = catalogSchemas.get(c);
  if (!schema) {
    schema = { body: c.body, exports: new Set(c.exports.map((e) => e.name)) };
    catalogSchemas.set(c, schema);
  }
  return schema;
}

/** The blocks of a body; other statements go to `other`. */
function blocksOf(body: readonly Statement[], filename: string | undefined, other: (s: Statement) => void): Item[] {
  const items: Item[] = [];
  for (const s of body) {
    if (s.kind === 'Block') items.push({ stmt: s, filename });
    else if (s.kind === 'Attribute') other(s);
  }
  return items;
}

/** The schema a declared component gets: its `argument` blocks as attributes, its `export` labels. */
function customComponentOf(declare: BlockStmt): CustomComponent {
  const attributes: { name: string; type: { kind: 'any' }; required: boolean }[] = [];
  const exports = new Set<string>();
  for (const s of declare.body) {
    if (s.kind !== 'Block' || !s.label) continue;
    if (s.name === 'argument') {
      const optional = s.body.find((x) => x.kind === 'Attribute' && x.name.name === 'optional');
      const literal = optional?.kind === 'Attribute' && optional.value.kind === 'Literal' ? optional.value.raw : undefined;
      // Required unless `optional = true`; an optional computed at run time counts as optional.
      const required = optional === undefined || literal === 'false';
      if (!attributes.some((a) => a.name === s.label)) attributes.push({ name: s.label, type: { kind: 'any' }, required });
    } else if (s.name === 'export') {
      exports.add(s.label);
    }
  }
  return { body: { attributes, blocks: [] }, exports };
}

/** Resolves a traversal to the node whose id is its shortest matching prefix. */
function resolve(scope: Scope, t: Traversal): { node: GraphNode; length: number } | undefined {
  let level: Map<string, IdTrie> | undefined = trieOf(scope);
  for (let i = 0; i < t.length && level; i++) {
    const entry = level.get((t[i] as { name: string }).name);
    if (!entry) return undefined;
    if (entry.node) return { node: entry.node, length: i + 1 };
    level = entry.children;
  }
  return undefined;
}

/** The scope's ids split at their dots, so resolving a reference builds no strings. */
interface IdTrie {
  node?: GraphNode;
  children?: Map<string, IdTrie>;
}

function trieOf(scope: Scope): Map<string, IdTrie> {
  if (!scope.trie) {
    const root = new Map<string, IdTrie>();
    for (const [id, node] of scope.byId) {
      let level = root;
      let from = 0;
      for (;;) {
        const dot = id.indexOf('.', from);
        const part = dot < 0 ? id.slice(from) : id.slice(from, dot);
        let entry = level.get(part);
        if (!entry) level.set(part, (entry = {}));
        if (dot < 0) {
          entry.node ??= node;
          break;
        }
        level = entry.children ??= new Map();
        from = dot + 1;
      }
    }
    scope.trie = root;
  }
  return scope.trie;
}

/** Whether an output attribute forwards somewhere: a non-empty list, or anything not a literal list. */
function forwardsSomewhere(output: BlockStmt, signal: Signal): boolean {
  let found: Expr | undefined;
  for (const s of output.body) if (s.kind === 'Attribute' && s.name.name === signal) found = s.value;
  if (!found) return false;
  return !(found.kind === 'Array' && found.elements.length === 0) && found.kind !== 'Literal';
}

/**
 * Validates files that form one config, as `alloy validate DIR` does. Diagnostics carry their
 * file's name.
 */
export function validateAlloyFiles(files: readonly AlloyFileInput[], options: Omit<ValidateOptions, 'filename'> = {}): AlloyDiagnostic[] {
  return validateUnits(
    files.map((f) => ({ filename: f.filename, file: f.file })),
    true,
    options.helmTemplated === true,
  );
}

/** Validates one parsed Alloy file as a whole config (see {@link ValidateOptions}). */
export function validateAlloy(file: AlloyFile, options: ValidateOptions = {}): AlloyDiagnostic[] {
  return validateUnits([{ filename: options.filename, file }], options.filename !== undefined, options.helmTemplated === true);
}

/** @internal Validation of parsed units; `helmFromAst` scans literals and comments for `{{`. */
export function validateUnits(
  units: readonly { filename: string | undefined; file: AlloyFile }[],
  namedFiles: boolean,
  helmFromAst: boolean,
): AlloyDiagnostic[] {
  const validator = new Validator(namedFiles);
  const helm: AlloyDiagnostic[] = [];
  const items: Item[] = [];
  const attributes: { stmt: Statement; filename: string | undefined }[] = [];
  for (const u of units) {
    if (helmFromAst) {
      for (const f of helmTemplateFindingsInFile(u.file)) {
        helm.push(validator.diag(C.helmTemplate, 'error', f.message, f, u.filename));
      }
    }
    for (const s of u.file.body) {
      if (s.kind === 'Block') items.push({ stmt: s, filename: u.filename });
      else if (s.kind === 'Attribute') attributes.push({ stmt: s, filename: u.filename });
    }
  }
  return [...helm, ...validator.run(items, attributes)];
}
