/** One step of a value path: a map key, a list index, or the element of a named list with this `name`. */
export type Segment = string | number | { readonly name: string };

// Keys that read unambiguously after a dot; anything else (dots, slashes, spaces, a leading digit,
// the empty key) is quoted in brackets, as in `metadata.annotations["app.kubernetes.io/name"]`.
const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const plainName = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/;

/** A path as reviewers read it: `spec.values.alloy.extraPorts[name=otlp-grpc].port`. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[name=${plainName.test(s.name) ? s.name : JSON.stringify(s.name)}]`;
    else if (plainKey.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
