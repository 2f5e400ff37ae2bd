/**
 * First Fit (FF) for vector bin packing, in a given item order.
 *
 * Rule: put each item, in order, into the lowest-numbered open bin where it fits in every
 * dimension (r[b][k] >= s[i][k] for all k, r = residual capacity); open a new bin if none does.
 * Reference: Garey, Graham, Johnson & Yao, J. Combinatorial Theory A 21, 1976 (FF for
 * multidimensional packing); Panigrahy et al. 2011, section 3.
 *
 * Data structure (same packing as the naive scan, far fewer checks): a max-tree over bin slots
 * 0..P-1 (P a power of two >= n). Each node holds, per dimension, the largest residual among
 * the bins below it; slots not yet opened hold the full capacity, so the leftmost slot that can
 * take the item is either the first open bin with room or the next bin to open. The search
 * descends left first and skips any subtree where some dimension's maximum residual is below
 * the item's size (no bin there can take it). In one dimension this is exact and O(log n); in
 * d dimensions the maxima may come from different bins, so the descent can backtrack, but it
 * still only visits subtrees that pass the test. Placing an item updates one leaf-to-root path.
 * Complexity: O(n d log n) typical, O(n * bins * d) worst case (like the naive scan);
 * memory 2P * d doubles.
 */
import { itemCount, type Packing, type VbpInstance } from './instance.js';

export function firstFitInOrder(instance: VbpInstance, order: Int32Array): Packing {
  const { dims, sizes, capacity } = instance;
  const n = itemCount(instance);
  const binOf = new Int32Array(n);
  let leaves = 1;
  while (leaves < n) leaves *= 2;
  const tree = new Float64Array(2 * leaves * dims);
  for (let node = 1; node < 2 * leaves; node++) for (let k = 0; k < dims; k++) tree[node * dims + k] = capacity[k]!;
  const stack = new Int32Array(64);
  let bins = 0;

  for (let p = 0; p < n; p++) {
    const row = order[p]! * dims;
    // Leftmost leaf whose residual covers the item in every dimension.
    let depth = 0;
    stack[depth++] = 1;
    let leaf = -1;
    while (depth > 0) {
      const node = stack[--depth]!;
      const base = node * dims;
      let k = 0;
      while (k < dims && tree[base + k]! >= sizes[row + k]!) k++;
      if (k < dims) continue;
      if (node >= leaves) {
        leaf = node;
        break;
      }
      stack[depth++] = 2 * node + 1;
      stack[depth++] = 2 * node;
    }
    const bin = leaf - leaves;
    if (bin === bins) bins++;
    binOf[order[p]!] = bin;
    for (let k = 0; k < dims; k++) tree[leaf * dims + k] -= sizes[row + k]!;
    for (let node = leaf >> 1; node >= 1; node >>= 1) {
      const left = 2 * node * dims;
      const right = left + dims;
      for (let k = 0; k < dims; k++) {
        const a = tree[left + k]!;
        const b = tree[right + k]!;
        tree[node * dims + k] = a > b ? a : b;
      }
    }
  }
  return { bins, binOf };
}

/** First Fit in the input order (order-sensitive: the bench shuffles items first). */
export function firstFit(instance: VbpInstance): Packing {
  const order = new Int32Array(itemCount(instance));
  for (let item = 0; item < order.length; item++) order[item] = item;
  return firstFitInOrder(instance, order);
}
