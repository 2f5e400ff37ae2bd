/**
 * Bin-elimination local search for vector bin packing (a consistent-neighbourhood tabu search).
 *
 * Start from a feasible packing with K bins. Repeatedly: dissolve the lightest bin (least total
 * normalised size) into a pool P of unplaced items, and search for a packing of the remaining
 * K-1 bins that absorbs P. The objective is the pool's weight
 *   W(P) = sum over p in P of w(p),     w(p) = sum_k s[p][k] / C[k],
 * and a move swaps a subset A of the pool (|A| = 1 or 2) with a subset B of one bin (|B| <= 2)
 * when the bin stays within capacity in every dimension; its gain is w(A) - w(B). Improving
 * moves (the best gain, ties to the lowest bin and item) are taken first; otherwise the best
 * non-tabu move (plus a little seeded noise to break cycles) is taken even if W grows, and the
 * items it put in the bin may not leave it for a few iterations (tabu tenure). When P empties,
 * K-1 bins are proven feasible by construction and the next bin is dissolved.
 * Reference: Buljubasic & Vasquez, "Consistent neighborhood search for one-dimensional bin
 * packing and two-dimensional vector packing", Computers & OR 76, 2016 (the partial-solution
 * scheme, the pool objective and swap moves); tabu search after Glover 1989.
 * Why this search: greedy packings waste bins whose content could be spread over the others;
 * swapping big pool items for smaller bin items drives the pool towards items that fit
 * somewhere, which is exactly what a dissolved bin needs. No LP solver is required.
 * Convention: effort is counted in iterations (deterministic); the injected clock only stops it
 * early. The PRNG is minstd_rand0 seeded by options.seed (default 1).
 * Complexity: O(K * (|P| + |P|^2) * m^2 * d) per iteration, m = items per bin.
 */
import { itemCount, normalisedSizes, type PackOptions, type Packing, type VbpInstance } from './instance.js';
import { MinstdRand0 } from './minstd.js';

export interface LocalSearchOptions extends PackOptions {
  /** Iterations allowed for each attempt to remove one bin. */
  readonly iterationsPerBin?: number;
  /** Stop as soon as this many bins are reached (a proven lower bound). */
  readonly target?: number;
}

const TABU_TENURE = 7;
const NOISE = 0.02;
const CLOCK_EVERY = 32;

export function improveByLocalSearch(instance: VbpInstance, start: Packing, options: LocalSearchOptions = {}): Packing {
  const n = itemCount(instance);
  const iterations = options.iterationsPerBin ?? 20 * n + 200;
  const target = options.target ?? 1;
  const rng = new MinstdRand0(options.seed ?? 1);
  let best = start;
  while (best.bins > target) {
    const fewer = removeOneBin(instance, best, iterations, rng, options);
    if (fewer === undefined) break;
    best = fewer;
  }
  return best;
}

function removeOneBin(instance: VbpInstance, packing: Packing, iterations: number, rng: MinstdRand0, options: PackOptions): Packing | undefined {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const x = normalisedSizes(instance);
  const weight = new Float64Array(n);
  for (let item = 0; item < n; item++) for (let k = 0; k < dims; k++) weight[item] += x[item * dims + k]!;

  const bins = packing.bins - 1;
  const contents: number[][] = Array.from({ length: packing.bins }, () => []);
  for (let item = 0; item < n; item++) contents[packing.binOf[item]!]!.push(item);
  const fill = contents.map((items) => items.reduce((total, item) => total + weight[item]!, 0));
  let lightest = 0;
  for (let bin = 1; bin < packing.bins; bin++) if (fill[bin]! < fill[lightest]!) lightest = bin;
  const pool = contents[lightest]!;
  contents.splice(lightest, 1);

  const load = new Float64Array(bins * dims);
  contents.forEach((items, bin) => items.forEach((item) => addLoad(bin, item, 1)));
  const tabuUntil = new Int32Array(n);

  function addLoad(bin: number, item: number, sign: number): void {
    for (let k = 0; k < dims; k++) load[bin * dims + k] += sign * sizes[item * dims + k]!;
  }
  // Does bin fit after removing out1/out2 (-1 = none) and adding in1/in2?
  function fitsSwap(bin: number, out1: number, out2: number, in1: number, in2: number): boolean {
    for (let k = 0; k < dims; k++) {
      let value = load[bin * dims + k]! + sizes[in1 * dims + k]!;
      if (in2 >= 0) value += sizes[in2 * dims + k]!;
      if (out1 >= 0) value -= sizes[out1 * dims + k]!;
      if (out2 >= 0) value -= sizes[out2 * dims + k]!;
      if (value > capacity[k]!) return false;
    }
    return true;
  }

  for (let iteration = 0; iteration < iterations; iteration++) {
    if (iteration % CLOCK_EVERY === 0 && options.now && options.deadline !== undefined && options.now() > options.deadline) return undefined;
    insertWhatFits();
    if (pool.length === 0) break;

    // Best move over (bin, pool subset A, bin subset B); B = none only with |A| = 2.
    let bestScore = -Infinity;
    let move: [number, number, number, number, number] | undefined;
    const consider = (bin: number, a1: number, a2: number, b1: number, b2: number, tabu: boolean) => {
      const gain = weight[pool[a1]!]! + (a2 >= 0 ? weight[pool[a2]!]! : 0) - (b1 >= 0 ? weight[b1]! : 0) - (b2 >= 0 ? weight[b2]! : 0);
      if (tabu && gain <= 1e-12) return;
      const score = gain > 1e-12 ? 1 + gain : gain + NOISE * rng.uniform();
      if (score > bestScore && fitsSwap(bin, b1, b2, pool[a1]!, a2 >= 0 ? pool[a2]! : -1)) {
        bestScore = score;
        move = [bin, a1, a2, b1, b2];
      }
    };
    for (let bin = 0; bin < bins; bin++) {
      const items = contents[bin]!;
      for (let a1 = 0; a1 < pool.length; a1++) {
        for (let a2 = a1; a2 < pool.length; a2++) {
          const second = a2 === a1 ? -1 : a2;
          if (second >= 0) consider(bin, a1, second, -1, -1, false);
          for (let b1 = 0; b1 < items.length; b1++) {
            const out1 = items[b1]!;
            const tabu1 = tabuUntil[out1]! > iteration;
            consider(bin, a1, second, out1, -1, tabu1);
            for (let b2 = b1 + 1; b2 < items.length; b2++) {
              const out2 = items[b2]!;
              consider(bin, a1, second, out1, out2, tabu1 || tabuUntil[out2]! > iteration);
            }
          }
        }
      }
    }
    if (move === undefined) continue;
    const [bin, a1, a2, b1, b2] = move;
    const entering = a2 >= 0 ? [pool[a1]!, pool[a2]!] : [pool[a1]!];
    const leaving = [b1, b2].filter((item) => item >= 0);
    const items = contents[bin]!;
    for (const item of leaving) {
      items.splice(items.indexOf(item), 1);
      addLoad(bin, item, -1);
    }
    for (const item of entering) {
      items.push(item);
      addLoad(bin, item, 1);
      tabuUntil[item] = iteration + TABU_TENURE + Math.floor(rng.uniform() * TABU_TENURE);
    }
    const kept = pool.filter((item) => !entering.includes(item));
    pool.length = 0;
    pool.push(...kept, ...leaving);
  }
  insertWhatFits();
  if (pool.length > 0) return undefined;
  const binOf = new Int32Array(n);
  contents.forEach((items, bin) => items.forEach((item) => (binOf[item] = bin)));
  return { bins, binOf };

  // Place pool items (heaviest first) where they fit, in the bin left fullest (best fit by weight).
  function insertWhatFits(): void {
    pool.sort((a, b) => weight[b]! - weight[a]! || a - b);
    for (let at = 0; at < pool.length; ) {
      const item = pool[at]!;
      let chosen = -1;
      let fullest = -Infinity;
      for (let bin = 0; bin < bins; bin++) {
        const binFill = fillOf(bin);
        if (binFill > fullest && fitsSwap(bin, -1, -1, item, -1)) {
          fullest = binFill;
          chosen = bin;
        }
      }
      if (chosen === -1) {
        at++;
        continue;
      }
      contents[chosen]!.push(item);
      addLoad(chosen, item, 1);
      pool.splice(at, 1);
    }
  }
  function fillOf(bin: number): number {
    let total = 0;
    for (let k = 0; k < dims; k++) total += load[bin * dims + k]! / capacity[k]!;
    return total;
  }
}
