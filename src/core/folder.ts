import { ApiObject, Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';

/** Properties of a {@link GitOpsFolder}. */
export interface GitOpsFolderProps {
  /**
   * The folder, relative to the output root, with forward slashes (`infrastructure/tempo`).
   */
  readonly path: string;
}

const folderSymbol = Symbol.for('bramble.GitOpsFolder');
const outputFiles = new WeakMap<IConstruct, string>();

/**
 * One folder of the GitOps tree: a cdk8s Chart whose objects are written to files in `path`,
 * with a `kustomization.yaml` that lists them. Under `cdk8s synth` it is an ordinary chart.
 */
export class GitOpsFolder extends Chart {
  /** True when `x` is a GitOpsFolder (works across copies of the library). */
  public static isGitOpsFolder(x: unknown): x is GitOpsFolder {
    return typeof x === 'object' && x !== null && folderSymbol in x;
  }

  /** The folder path relative to the output root. */
  public readonly path: string;

  constructor(scope: Construct, id: string, props: GitOpsFolderProps) {
    super(scope, id, { disableResourceNameHashes: true });
    Object.defineProperty(this, folderSymbol, { value: true });
    this.path = props.path.replace(/^\.?\/+|\/+$/g, '');
  }
}

/**
 * Puts `object` into `file` (a name inside its folder, such as `helm-release.yaml`). Objects that
 * share a file are written as one multi-document file in creation order.
 */
export function setOutputFile(object: ApiObject, file: string): void {
  outputFiles.set(object, file);
}

/** The file an object is written to: the name set with {@link setOutputFile}, else `<kind>-<name>.yaml`. */
export function outputFileOf(object: ApiObject): string {
  return outputFiles.get(object) ?? `${object.kind.toLowerCase()}-${object.name}.yaml`;
}
