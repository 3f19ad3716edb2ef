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
import { positionAt, type AlloyFile, type BlockStmt, type Expr, type Identifier, type Located, type ObjectField, type Position, type Statement } from '../syntax';
import { ALLOY_DIAGNOSTIC_CODES as C, type AlloyDiagnostic, type AlloySeverity } from './diagnostic';
import { stronglyConnectedComponents } from './graph';
import { helmTemplateFindingsInFile } from './helm';
import { DEPRECATED_STDLIB_NAMES, SCOPE_VARIABLES, STDLIB_NAMES } from './references';
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

/** Where a statement comes from: its file (whose line table turns offsets into positions) and name. */
interface Origin {
  readonly file: AlloyFile;
  readonly filename: string | undefined;
}

/** A block to validate, with the file it comes from. */
interface Item extends Origin {
  readonly stmt: BlockStmt;
}

type NodeKind = 'declare' | 'config' | 'component' | 'service';

interface GraphNode extends Origin {
  /** The id references use (renamed when it duplicates an earlier one, so nothing resolves to it). */
  id: string;
  readonly block: BlockStmt;
  readonly kind: NodeKind;
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
  /** For a pipeline component: its output block and the signals it forwards (see findOutput). */
  output?: BlockStmt;
  forwards: number;
  /** The catalog's entry, for a catalogued component. */
  catalogued?: ComponentSchema;
  /** Argument findings, reported after the early ones. */
  argFindings?: AlloyDiagnostic[];
  /** Reference findings, reported after the argument checks. */
  refFindings?: AlloyDiagnostic[];
  /** The signals other components' outputs send to this one's `input` (bits of {@link signalBit}). */
  receives: number;
}

/** What a block's references feed: an `output` block's lists (otelcol), `write_to` (tracing). */
const enum Feeds {
  None,
  Output,
  Tracing,
}

/** Where the validator's `report` puts findings. */
const enum Findings {
  Out,
  Arguments,
  References,
}

const SIGNALS = ['metrics', 'logs', 'traces'] as const;
const TRACES = 4;

function signalBit(signal: Signal): number {
  return signal === 'metrics' ? 1 : signal === 'logs' ? 2 : TRACES;
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

  public run(items: readonly Item[], attributes: readonly (Origin & { stmt: Statement })[]): AlloyDiagnostic[] {
    const root = this.buildScope(items, { root: true, foreach: false, skipRefs: false, parent: undefined });
    for (const a of attributes) {
      if (a.stmt.kind === 'Attribute') {
        root.early.push(this.diag(C.topLevelAttribute, 'error', `unrecognized attribute ${a.stmt.name.name}`, a.stmt, a));
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
    // Every field is set here, `trie` too: a scope that gained it later had a second shape, and
    // code optimized for one shape was thrown away when the other showed up.
    const scope: Scope = {
      root: shape.root,
      foreach: shape.foreach,
      skipRefs: shape.skipRefs,
      parent: shape.parent,
      custom: new Map(),
      imports: new Set(),
      nodes: [],
      early: [],
      trie: undefined,
    };
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
        node.early.push(this.nameDiag(C.missingLabel, 'declare block must have a label', b, 'declare'.length, item));
      } else {
        scope.custom.set(b.label, customComponentOf(b));
      }
      this.checkDuplicate(seenDeclares, node, item, i);
      node.child = this.buildScope(blocksOf(b.body, item, (s) => node.early.push(this.unsupported(s, item))), {
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
        node.early.push(this.nameDiag(C.missingLabel, `${b.name} block must have a label`, b, utf8Length(b.name), item));
      }
      switch (b.name) {
        case 'logging':
        case 'tracing':
          this.checkAllowed(scope, node, item);
          break;
        case 'argument':
        case 'export':
          if (scope.root) {
            node.early.push(this.diag(C.notAllowed, 'error', `${b.name} blocks only allowed inside a module`, b, item));
          }
          break;
        case 'foreach':
          if (!template) {
            node.early.push(this.diag(C.missingBlock, 'error', 'missing required block "template"', b, item));
          } else {
            node.child = this.buildScope(
              blocksOf(template.body, item, (s) => node.early.push(this.unsupported(s, item))),
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
        node.early.push(this.nameDiag(C.missingLabel, `component "${b.name}" must have a label`, b, utf8Length(b.name), item));
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
      file: item.file,
      filename: item.filename,
      early: [],
      refBody,
      index: scope.nodes.length,
      edges: [],
      // Every field is set here, so that all nodes share one shape.
      child: undefined,
      schema: undefined,
      notFound: undefined,
      output: undefined,
      forwards: 0,
      catalogued: undefined,
      argFindings: undefined,
      refFindings: undefined,
      receives: 0,
    };
    scope.nodes.push(node);
    return node;
  }

  /** Reports a second block with the same id; returns whether it is one. */
  private checkDuplicate(seen: Map<string, Item>, node: GraphNode, item: Item, i: number): boolean {
    // The id addNode gave the node (it is renamed below only when it is a duplicate).
    const id = node.id;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, item);
      return false;
    }
    const where = this.where(positionOf(first.file, first.stmt.start) as Position, first.filename);
    node.early.push(this.nameDiag(C.duplicateComponent, MESSAGES.alreadyDeclared(id, where), item.stmt, utf8Length(id), item));
    node.id = `${id}-${i}`;
    return true;
  }

  private checkAllowed(scope: Scope, node: GraphNode, item: Item): void {
    const id = blockId(item.stmt);
    if (!scope.root) {
      node.early.push(this.nameDiag(C.notAllowed, `${id} not allowed in module`, item.stmt, utf8Length(id), item));
    } else if (scope.foreach) {
      node.early.push(this.nameDiag(C.notAllowed, `${id} not allowed in foreach`, item.stmt, utf8Length(id), item));
    }
  }

  private unsupported(s: Statement, origin: Origin): AlloyDiagnostic {
    return this.diag(C.topLevelAttribute, 'error', 'unsupported statement type *ast.AttributeStmt', s as Located, origin);
  }

  // ----------------------------------------------------------------------------------------
  // Checking scopes.

  private checkScope(scope: Scope): void {
    this.emit(scope.early);
    const nodes = scope.nodes;
    // Resolve every component's schema first: references are checked against targets' exports.
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as GraphNode;
      if (node.kind !== 'component') continue;
      const resolved = this.resolveComponent(scope, node);
      if (resolved && 'unknown' in resolved) node.notFound = resolved.unknown;
      else node.schema = resolved;
    }
    // One pass over the nodes for their references (graph edges, reference findings, and the
    // signals each component receives, for the dangling-output check) and, while the block is
    // still in the CPU caches, its argument checks. Both are kept on the node and reported in
    // Alloy's order below.
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as GraphNode;
      const checkRefs = !scope.skipRefs && node.kind !== 'declare' && !node.notFound;
      const name = node.block.name;
      const feeds = name === 'tracing' ? Feeds.Tracing : name.startsWith('otelcol.') ? Feeds.Output : Feeds.None;
      if (checkRefs || feeds !== Feeds.None) this.walkReferences(scope, node, checkRefs, feeds);
      if (node.kind === 'component') this.findOutput(node);
      this.reportTo(node, Findings.Arguments);
      // As in Alloy: an undefined component gets neither argument nor reference checks.
      if (node.schema) checkBody(node.block, node.schema.body, this.report);
      else if (!node.notFound && node.kind !== 'declare') checkDuplicateAttributes(node.block, this.report);
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as GraphNode;
      this.emit(node.early);
      if (node.notFound) this.out.push(node.notFound);
      if (node.argFindings) this.emit(node.argFindings);
      if (node.kind === 'component') {
        this.reportTo(node, Findings.Out);
        this.checkOutputs(node, this.report);
      }
      if (node.refFindings) this.emit(node.refFindings);
      if (node.child) this.checkScope(node.child);
    }
    this.checkCycles(scope);
  }

  /** Where {@link report} puts findings from now on: a list of `node`'s, or the output. */
  private reportTo(node: GraphNode, to: Findings): void {
    this.reportNode = node;
    this.reportFindings = to;
  }

  /** Reports a finding of {@link reportNode} to where {@link reportTo} said. */
  private readonly report: Report = (code, message, at, severity = 'error') => {
    const node = this.reportNode as GraphNode;
    const d = this.diag(code, severity, message, at, node);
    if (this.reportFindings === Findings.Out) this.out.push(d);
    else if (this.reportFindings === Findings.Arguments) (node.argFindings ??= []).push(d);
    else (node.refFindings ??= []).push(d);
  };

  /**
   * The schema of a component; `{ unknown }` (the diagnostic to report) for a custom component
   * that is not defined in scope; undefined when the catalog does not model it.
   */
  private resolveComponent(scope: Scope, node: GraphNode): GraphNode['schema'] | { unknown: AlloyDiagnostic } {
    const name = node.block.name;
    const catalogued = getComponentSchema(name);
    if (catalogued) {
      node.catalogued = catalogued;
      return catalogSchema(catalogued);
    }
    const notFound = (): { unknown: AlloyDiagnostic } => ({
      unknown: this.nameDiag(C.unknownComponent, `cannot find the definition of component name "${name}"`, node.block, utf8Length(name), node),
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

  // The walk of a node's references (walkReferences) keeps its context in fields rather than in
  // closures: it runs for every top-level block of a config.
  private refScope: Scope | undefined;
  private refNode: GraphNode | undefined;
  private refCheck = false;
  private refFeeds = Feeds.None;
  /** The identifiers of the traversal being resolved, `a.b.c` in order: refNames[0, refLength). */
  private readonly refNames: Identifier[] = [];
  private refLength = 0;
  private reportNode: GraphNode | undefined;
  private reportFindings = Findings.Out;

  /**
   * Resolves the references of a node: adds graph edges and reference findings (when `checkRefs`),
   * and records which signals targets receive from this node's `output` block (otelcol
   * components) or `write_to` (the tracing block).
   */
  private walkReferences(scope: Scope, node: GraphNode, checkRefs: boolean, feeds: Feeds): void {
    this.refScope = scope;
    this.refNode = node;
    this.refCheck = checkRefs;
    this.refFeeds = feeds;
    this.reportTo(node, Findings.References);
    this.referencesInBody(node.refBody, true, false);
  }

  private referencesInBody(body: readonly Statement[], top: boolean, outputBlock: boolean): void {
    const feeds = this.refFeeds;
    for (let i = 0; i < body.length; i++) {
      const stmt = body[i] as Statement;
      if (stmt.kind === 'Attribute') {
        const value = stmt.value;
        let signal = 0;
        if (value.kind === 'Array') {
          const attr = stmt.name.name;
          if (outputBlock && (attr === 'metrics' || attr === 'logs' || attr === 'traces')) signal = signalBit(attr);
          else if (feeds === Feeds.Tracing && top && attr === 'write_to') signal = TRACES;
        }
        this.referencesInExpr(value, signal);
      } else if (stmt.kind === 'Block') {
        this.referencesInBody(stmt.body, false, feeds === Feeds.Output && top && stmt.name === 'output');
      }
    }
  }

  /** Visits every traversal (`a.b.c`) of an expression, in source order. */
  private referencesInExpr(e: Expr, signal: number): void {
    switch (e.kind) {
      case 'Identifier':
        this.refNames[0] = e;
        this.refLength = 1;
        this.visitReference(signal);
        return;
      case 'Access': {
        let root: Expr = e;
        let length = 1;
        while (root.kind === 'Access') {
          root = root.value;
          length++;
        }
        if (root.kind !== 'Identifier') {
          this.referencesInExpr(root, signal);
          return;
        }
        const names = this.refNames;
        let cur: Expr = e;
        for (let i = length - 1; cur.kind === 'Access'; i--) {
          names[i] = cur.name;
          cur = cur.value;
        }
        names[0] = root;
        this.refLength = length;
        this.visitReference(signal);
        return;
      }
      case 'Index':
        this.referencesInExpr(e.value, signal);
        this.referencesInExpr(e.index, signal);
        return;
      case 'Call':
        this.referencesInExpr(e.callee, signal);
        for (let i = 0; i < e.args.length; i++) this.referencesInExpr(e.args[i] as Expr, signal);
        return;
      case 'Unary':
        this.referencesInExpr(e.operand, signal);
        return;
      case 'Binary':
        this.referencesInExpr(e.left, signal);
        this.referencesInExpr(e.right, signal);
        return;
      case 'Paren':
        this.referencesInExpr(e.inner, signal);
        return;
      case 'Array':
        for (let i = 0; i < e.elements.length; i++) this.referencesInExpr(e.elements[i] as Expr, signal);
        return;
      case 'Object':
        for (let i = 0; i < e.fields.length; i++) this.referencesInExpr((e.fields[i] as ObjectField).value, signal);
        return;
      case 'Literal':
        return;
    }
  }

  /** Resolves the traversal refNames[0, refLength). */
  private visitReference(signal: number): void {
    const names = this.refNames;
    const length = this.refLength;
    const first = names[0] as Identifier;
    const last = names[length - 1] as Identifier;
    const scope = this.refScope as Scope;
    const targetNode = resolve(scope, names, length);
    // The name after the target's id: the export read (`input` of `otelcol.….input`).
    const after = targetNode && resolvedLength < length ? (names[resolvedLength] as Identifier) : undefined;
    if (signal !== 0 && targetNode && after?.name === 'input') targetNode.receives |= signal;
    if (!this.refCheck) return;
    if (targetNode) {
      (this.refNode as GraphNode).edges.push(targetNode.index);
      if (STDLIB_NAMES.has(first.name) || DEPRECATED_STDLIB_NAMES.has(first.name)) {
        this.report(C.stdlibShadowed, 'a component is shadowing an existing stdlib name', first, 'warning');
      }
      const exports = targetNode.schema?.exports;
      if (after && exports && !exports.has(after.name)) {
        this.report(C.unknownExport, `component "${blockId(targetNode.block)}" does not export "${after.name}"`, {
          start: first.start,
          end: after.end,
        });
      }
    } else if (STDLIB_NAMES.has(first.name) || SCOPE_VARIABLES.has(first.name)) {
      // In scope.
    } else if (DEPRECATED_STDLIB_NAMES.has(first.name)) {
      this.report(
        C.stdlibDeprecated,
        'this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives',
        first,
        'warning',
      );
    } else {
      this.report(C.unknownReference, `component "${names.slice(0, length).map((i) => i.name).join('.')}" does not exist or is out of scope`, {
        start: first.start,
        end: last.end,
      });
    }
  }

  /**
   * For an otelcol receiver/processor/connector: its (last) `output` block and the signals that
   * block forwards, for {@link checkOutputs}.
   */
  private findOutput(node: GraphNode): void {
    const name = node.block.name;
    const catalogued = node.catalogued;
    // Uncatalogued: /^otelcol\.(receiver|processor|connector)\./.
    const isPipeline = catalogued
      ? catalogued.output !== undefined
      : name.startsWith('otelcol.receiver.') || name.startsWith('otelcol.processor.') || name.startsWith('otelcol.connector.');
    if (!isPipeline) return;
    const body = node.block.body;
    let output: BlockStmt | undefined;
    for (let i = 0; i < body.length; i++) {
      const s = body[i] as Statement;
      if (s.kind === 'Block' && s.name === 'output') output = s;
    }
    if (!output) return;
    node.output = output;
    node.forwards = forwardedSignals(output);
  }

  /**
   * Warns about an otelcol receiver/processor/connector whose `output` forwards nothing at all,
   * or (processors) that receives a signal its output does not forward.
   */
  private checkOutputs(node: GraphNode, report: Report): void {
    const output = node.output;
    if (!output) return;
    const forwards = node.forwards;
    const id = blockId(node.block);
    if (forwards === 0) {
      report(C.danglingOutput, `${id} sends nowhere: its output block forwards no metrics, logs or traces`, output, 'warning');
      return;
    }
    const received = node.receives;
    if (!node.block.name.startsWith('otelcol.processor.') || received === 0) return;
    for (const signal of SIGNALS) {
      const bit = signalBit(signal);
      if ((received & bit) !== 0 && (forwards & bit) === 0) {
        report(C.danglingOutput, `${id} receives ${signal} but its output sends ${signal} nowhere`, output, 'warning');
      }
    }
  }

  private checkCycles(scope: Scope): void {
    const sccs = stronglyConnectedComponents(
      scope.nodes.length,
      scope.nodes.map((n) => n.edges),
      2,
    );
    for (const scc of sccs) {
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
    for (let i = 0; i < ds.length; i++) this.out.push(ds[i] as AlloyDiagnostic);
  }

  private where(p: Position, filename: string | undefined): string {
    return this.namedFiles && filename !== undefined ? `${filename}:${p.line}:${p.column}` : `${p.line}:${p.column}`;
  }

  /** A diagnostic on a node (or an offset range) of the file `origin`. */
  private diag(code: string, severity: AlloySeverity, message: string, at: Located, origin: Origin): AlloyDiagnostic {
    return this.diagAt(code, severity, message, positionOf(origin.file, at.start), positionOf(origin.file, at.end), origin.filename);
  }

  /** A diagnostic from positions (undefined ones for nodes without positions, as built ones are). */
  public diagAt(code: string, severity: AlloySeverity, message: string, start: Position | undefined, end: Position | undefined, filename: string | undefined): AlloyDiagnostic {
    const d: { -readonly [K in keyof AlloyDiagnostic]: AlloyDiagnostic[K] } = { code, severity, message, start: start as Position };
    if (end) d.end = end;
    if (filename !== undefined) d.filename = filename;
    return d;
  }

  /** A diagnostic on the first `length` bytes of a block's name (how Alloy marks ids). */
  private nameDiag(code: string, message: string, b: BlockStmt, length: number, origin: Origin): AlloyDiagnostic {
    // The end is counted on the start's line (as Alloy does), even if a dotted name spans lines.
    const start = positionOf(origin.file, b.start) as Position;
    return this.diagAt(code, 'error', message, start, advance(start, length), origin.filename);
  }

  /** A diagnostic on a block's header, name to `{` (how Alloy marks cycles). */
  private headerDiag(code: string, message: string, node: GraphNode): AlloyDiagnostic {
    const b = node.block;
    const end = b.lcurly !== undefined ? advance(positionAt(node.file, b.lcurly), 1) : positionOf(node.file, b.end);
    return this.diagAt(code, 'error', message, positionOf(node.file, b.start), end, node.filename);
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

/** The position of an offset in a file; undefined for a node without positions (a built one). */
function positionOf(file: AlloyFile, offset: number | undefined): Position | undefined {
  return offset === undefined ? undefined : positionAt(file, offset);
}

/** The blocks of a body; other statements go to `other`. */
function blocksOf(body: readonly Statement[], origin: Origin, other: (s: Statement) => void): Item[] {
  const items: Item[] = [];
  for (const s of body) {
    if (s.kind === 'Block') items.push({ stmt: s, file: origin.file, filename: origin.filename });
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

/** How many names of the traversal the last {@link resolve} that found a node matched. */
let resolvedLength = 0;

/**
 * Resolves the traversal names[0, length) to the node whose id is its shortest matching prefix
 * (and sets {@link resolvedLength}).
 */
function resolve(scope: Scope, names: readonly Identifier[], length: number): GraphNode | undefined {
  let level: Map<string, IdTrie> | undefined = trieOf(scope);
  for (let i = 0; i < length && level; i++) {
    const entry = level.get((names[i] as Identifier).name);
    if (!entry) return undefined;
    if (entry.node) {
      resolvedLength = i + 1;
      return entry.node;
    }
    level = entry.children;
  }
  return undefined;
}

/** The scope's ids split at their dots, so resolving a reference builds no strings. */
interface IdTrie {
  node?: GraphNode;
  children?: Map<string, IdTrie>;
}

/**
 * The scope's ids as a trie; the first block with an id wins. Ids are split as the block name's
 * segments (one array per distinct name) followed by the label's, so that building the trie
 * neither joins nor slices a string per block.
 */
function trieOf(scope: Scope): Map<string, IdTrie> {
  if (!scope.trie) {
    const root = new Map<string, IdTrie>();
    const segmentsOf = new Map<string, readonly string[]>();
    for (const node of scope.nodes) {
      const b = node.block;
      let segments = segmentsOf.get(b.name);
      if (!segments) segmentsOf.set(b.name, (segments = b.name.split('.')));
      const label = b.label ? (b.label.includes('.') ? b.label.split('.') : [b.label]) : [];
      let level = root;
      const n = segments.length + label.length;
      for (let i = 0; i < n; i++) {
        const part = (i < segments.length ? segments[i] : label[i - segments.length]) as string;
        let entry = level.get(part);
        if (!entry) level.set(part, (entry = {}));
        if (i === n - 1) {
          entry.node ??= node;
          break;
        }
        level = entry.children ??= new Map();
      }
    }
    scope.trie = root;
  }
  return scope.trie;
}

/**
 * The signals an output block forwards somewhere (bits of {@link signalBit}): for each signal, its
 * last attribute is a non-empty list or anything not a literal.
 */
function forwardedSignals(output: BlockStmt): number {
  let metrics: Expr | undefined;
  let logs: Expr | undefined;
  let traces: Expr | undefined;
  const body = output.body;
  for (let i = 0; i < body.length; i++) {
    const s = body[i] as Statement;
    if (s.kind !== 'Attribute') continue;
    const name = s.name.name;
    if (name === 'metrics') metrics = s.value;
    else if (name === 'logs') logs = s.value;
    else if (name === 'traces') traces = s.value;
  }
  return (forwards(metrics) ? 1 : 0) | (forwards(logs) ? 2 : 0) | (forwards(traces) ? TRACES : 0);
}

function forwards(found: Expr | undefined): boolean {
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
  const attributes: (Origin & { stmt: Statement })[] = [];
  for (const u of units) {
    if (helmFromAst) {
      for (const f of helmTemplateFindingsInFile(u.file)) {
        helm.push(validator.diagAt(C.helmTemplate, 'error', f.message, f.start, f.end, u.filename));
      }
    }
    for (const s of u.file.body) {
      if (s.kind === 'Block') items.push({ stmt: s, file: u.file, filename: u.filename });
      else if (s.kind === 'Attribute') attributes.push({ stmt: s, file: u.file, filename: u.filename });
    }
  }
  return [...helm, ...validator.run(items, attributes)];
}
