/**
 * Strongly connected components (Tarjan), iterative so that long reference chains in large configs
 * cannot overflow the stack. Linear in nodes + edges.
 */

/**
 * The strongly connected components of a graph of `n` nodes (`edges[i]` = successors of node i)
 * that have at least `minSize` nodes, each as a list of node indices. Components are returned
 * ordered by their smallest node index.
 */
export function stronglyConnectedComponents(n: number, edges: readonly (readonly number[])[], minSize = 1): number[][] {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  let next = 0;
  // Explicit DFS stack: node and the position in its edge list.
  const callNode: number[] = [];
  const callEdge: number[] = [];

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(0);
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode[top] as number;
      const succ = edges[v] ?? [];
      const ei = callEdge[top] as number;
      if (ei < succ.length) {
        callEdge[top] = ei + 1;
        const w = succ[ei] as number;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      // All successors done.
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === index[v]) {
        // The component is the stack down to v; only the large enough ones become arrays.
        const from = stack.lastIndexOf(v);
        if (stack.length - from >= minSize) result.push(stack.slice(from).reverse());
        for (let k = from; k < stack.length; k++) onStack[stack[k] as number] = 0;
        stack.length = from;
      }
    }
  }
  // Nearly always no component qualifies (a config without cycles): return before sorting.
  if (result.length < 2) return result;
  const minOf = (c: number[]): number => c.reduce((a, b) => Math.min(a, b), Infinity);
  return result.map((c) => ({ c, m: minOf(c) })).sort((a, b) => a.m - b.m).map((x) => x.c);
}
