/**
 * First Fit (FF) for vector bin packing, in a given item order.
 *
 * Rule: put each item, in order, into the lowest-numbered open bin where it fits in every
 * dimension (r[b][k] >= s[i][k] for all k, r = residual capacity); open a new bin if none does.
 * Reference: Garey, Graham, Johnson & Yao 1976 (FF for multidimensional packing); Panigrahy et
 * al. 2011, section 3.
 *
 * Data structure (same packing as the naive scan, fewer checks): the open bins form a linked
 * list in bin order. When bin b rejects item i in dimension k and r[b][k] is below the smallest
 * size in dimension k among all items not yet placed (a suffix minimum over the order), no later
 * item can ever fit in b, so b is unlinked. Such "dead" bins would reject every later item
 * anyway, so the packing is identical to the naive O(n * bins) scan; only the work shrinks.
 * Complexity: O(n d) for suffix minima plus O(d) per bin inspected; worst case O(n * bins * d),
 * typical far less because full bins leave the list.
 */
import { itemCount, type Packing, type VbpInstance } from './instance.js';

export function firstFitInOrder(instance: VbpInstance, order: Int32Array): Packing {
  const { dims, sizes } = instance;
  const n = itemCount(instance);
  const binOf = new Int32Array(n);
  if (n === 0) return { bins: 0, binOf };

  // suffixMin[p*d + k] = min size in dimension k over order[p..n-1].
  const suffixMin = new Float64Array(n * dims);
  for (let k = 0; k < dims; k++) suffixMin[(n - 1) * dims + k] = sizes[order[n - 1]! * dims + k]!;
  for (let p = n - 2; p >= 0; p--) {
    const row = order[p]! * dims;
    for (let k = 0; k < dims; k++) {
      const later = suffixMin[(p + 1) * dims + k]!;
      const own = sizes[row + k]!;
      suffixMin[p * dims + k] = own < later ? own : later;
    }
  }

  const residual = new Float64Array(n * dims);
  // next[b] is the next live bin after b; index n is the list head sentinel, -1 the end.
  const next = new Int32Array(n + 1).fill(-1);
  const head = n;
  let tail = head;
  let bins = 0;

  for (let p = 0; p < n; p++) {
    const item = order[p]!;
    const row = item * dims;
    let previous = head;
    let bin = next[head]!;
    let chosen = -1;
    while (bin !== -1) {
      const base = bin * dims;
      let k = 0;
      while (k < dims && residual[base + k]! >= sizes[row + k]!) k++;
      if (k === dims) {
        chosen = bin;
        break;
      }
      if (residual[base + k]! < suffixMin[p * dims + k]!) {
        // Dead for every remaining item: unlink (the tail moves back if it was the last).
        next[previous] = next[bin]!;
        if (tail === bin) tail = previous;
      } else {
        previous = bin;
      }
      bin = next[bin]!;
    }
    if (chosen === -1) {
      chosen = bins++;
      const base = chosen * dims;
      for (let k = 0; k < dims; k++) residual[base + k] = instance.capacity[k]!;
      next[tail] = chosen;
      next[chosen] = -1;
      tail = chosen;
    }
    const base = chosen * dims;
    for (let k = 0; k < dims; k++) residual[base + k] -= sizes[row + k]!;
    binOf[item] = chosen;
  }
  return { bins, binOf };
}

/** First Fit in the input order (order-sensitive: the bench shuffles items first). */
export function firstFit(instance: VbpInstance): Packing {
  const order = new Int32Array(itemCount(instance));
  for (let item = 0; item < order.length; item++) order[item] = item;
  return firstFitInOrder(instance, order);
}
