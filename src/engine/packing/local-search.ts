/**
 * Bin-elimination local search for vector bin packing: tabu search on capacity overflow.
 *
 * Start from a feasible packing with K bins. Repeatedly: dissolve the lightest bin (least total
 * normalised size), put each of its items where it adds the least overflow, then search the
 * packings of the K-1 bins that remain for one with no overflow, minimising
 *   overflow = sum over bins b, dimensions k of max(0, load[b][k] - C[k]) / C[k].
 * Moves (min-conflicts: only items of one overflowing bin, drawn at random, move): relocate
 * item i from its bin a to another bin b, or swap i with an item j of another bin b. Each move is evaluated in O(d)
 * from the change of the two bins' loads. The best move is taken (ties to the first found in
 * a fixed scan) unless it is tabu: an item may not go back to any of the last few bins it left
 * for a few iterations (random tenure), except when the move reaches a new best overflow
 * (aspiration).
 * When overflow hits 0, K-1 bins are feasible by construction and the next bin is dissolved.
 * Reference: Glover, "Tabu search - Part I", ORSA J. Computing 1, 1989; Minton et al.,
 * "Minimizing conflicts", Artificial Intelligence 58, 1992 (moving only conflicting variables);
 * Buljubasic & Vasquez, Computers & OR 76, 2016 (eliminating one bin at a time from a feasible
 * packing). Why this search: greedy packings lose bins because their waste is spread thin over
 * many bins; allowing temporary overflow lets items migrate freely until the waste gathers.
 * No LP solver is required and every move is O(d).
 * Convention: effort is counted in iterations per bin and move evaluations in all
 * (deterministic); the injected safety net (options.expired) only stops it early. The PRNG is minstd_rand0 seeded by
 * options.seed (default 1).
 * Complexity: O(m * (K + n) * d) per iteration, m = items in the chosen bin.
 */
import { itemCount, normalisedSizes, type PackOptions, type Packing, type VbpInstance } from './instance.js';
import { MinstdRand0 } from './minstd.js';

export interface LocalSearchOptions extends PackOptions {
  /** Iterations allowed for each attempt to remove one bin. */
  readonly iterationsPerBin?: number;
  /** Stop as soon as this many bins are reached (a proven lower bound). */
  readonly target?: number;
  /** Move evaluations allowed in all (the deterministic effort budget). */
  readonly maxEvaluations?: number;
}

const TENURE_MIN = 5;
const TENURE_SPREAD = 10;
const TABU_SLOTS = 4;
const CLOCK_EVERY = 64;
const EPSILON = 1e-12;
const DEFAULT_EVALUATIONS = 6_000_000;

export function improveByLocalSearch(instance: VbpInstance, start: Packing, options: LocalSearchOptions = {}): Packing {
  const n = itemCount(instance);
  const iterations = options.iterationsPerBin ?? 2 * n + 1000;
  const target = options.target ?? 1;
  const rng = new MinstdRand0(options.seed ?? 1);
  const effort = { left: options.maxEvaluations ?? DEFAULT_EVALUATIONS };
  let best = start;
  while (best.bins > target && effort.left > 0) {
    const fewer = removeOneBin(instance, best, iterations, rng, effort, options);
    if (fewer === undefined) break;
    best = fewer;
  }
  return best;
}

function removeOneBin(
  instance: VbpInstance,
  packing: Packing,
  iterations: number,
  rng: MinstdRand0,
  effort: { left: number },
  options: PackOptions,
): Packing | undefined {
  const { dims } = instance;
  const n = itemCount(instance);
  const x = normalisedSizes(instance);
  const bins = packing.bins - 1;

  const fill = new Float64Array(packing.bins);
  for (let item = 0; item < n; item++) for (let k = 0; k < dims; k++) fill[packing.binOf[item]!] += x[item * dims + k]!;
  let lightest = 0;
  for (let bin = 1; bin < packing.bins; bin++) if (fill[bin]! < fill[lightest]!) lightest = bin;

  // Loads are normalised (capacity 1 in every dimension); bins above `lightest` shift down.
  const binOf = new Int32Array(n);
  const load = new Float64Array(bins * dims);
  const dissolved: number[] = [];
  for (let item = 0; item < n; item++) {
    const bin = packing.binOf[item]!;
    if (bin === lightest) dissolved.push(item);
    else {
      binOf[item] = bin > lightest ? bin - 1 : bin;
      for (let k = 0; k < dims; k++) load[binOf[item]! * dims + k] += x[item * dims + k]!;
    }
  }
  const excess = (value: number) => (value > 1 + EPSILON ? value - 1 : 0);
  // Overflow change of `bin` when `out` leaves it and `into` enters it (-1 = none).
  const delta = (bin: number, out: number, into: number) => {
    let change = 0;
    for (let k = 0; k < dims; k++) {
      const before = load[bin * dims + k]!;
      let after = before;
      if (out >= 0) after -= x[out * dims + k]!;
      if (into >= 0) after += x[into * dims + k]!;
      change += excess(after) - excess(before);
    }
    return change;
  };
  const place = (item: number, bin: number, sign: number) => {
    for (let k = 0; k < dims; k++) load[bin * dims + k] += sign * x[item * dims + k]!;
  };
  for (const item of dissolved) {
    let chosen = 0;
    let cheapest = Infinity;
    for (let bin = 0; bin < bins; bin++) {
      const cost = delta(bin, -1, item);
      if (cost < cheapest - EPSILON) {
        cheapest = cost;
        chosen = bin;
      }
    }
    binOf[item] = chosen;
    place(item, chosen, 1);
  }

  let overflow = 0;
  for (let index = 0; index < load.length; index++) overflow += excess(load[index]!);
  let bestOverflow = overflow;
  // An item may not go back to the last TABU_SLOTS bins it left before their expiry iterations
  // (O(n) memory, where an item x bin table would not fit large instances).
  const leftBin = new Int32Array(n * TABU_SLOTS).fill(-1);
  const tabuUntil = new Int32Array(n * TABU_SLOTS);
  const moves = new Int32Array(n);
  const isTabu = (item: number, bin: number, iteration: number) => {
    for (let slot = item * TABU_SLOTS; slot < (item + 1) * TABU_SLOTS; slot++) if (leftBin[slot] === bin && tabuUntil[slot]! > iteration) return true;
    return false;
  };
  const makeTabu = (item: number, bin: number, iteration: number) => {
    const slot = item * TABU_SLOTS + (moves[item]!++ % TABU_SLOTS);
    leftBin[slot] = bin;
    tabuUntil[slot] = iteration + TENURE_MIN + Math.floor(rng.uniform() * TENURE_SPREAD);
  };
  const overflowing = (bin: number) => {
    for (let k = 0; k < dims; k++) if (load[bin * dims + k]! > 1 + EPSILON) return true;
    return false;
  };
  const hot: number[] = [];

  for (let iteration = 0; iteration < iterations && overflow > EPSILON; iteration++) {
    if (iteration % CLOCK_EVERY === 0 && options.expired?.() === true) return undefined;
    if (effort.left <= 0) return undefined;
    // One overflowing bin per iteration, drawn at random: its items are the only movers.
    hot.length = 0;
    for (let bin = 0; bin < bins; bin++) if (overflowing(bin)) hot.push(bin);
    const focus = hot[Math.floor(rng.uniform() * hot.length)]!;
    let bestMove = Infinity;
    let moveItem = -1;
    let moveBin = -1;
    let swapWith = -1;
    for (let item = 0; item < n; item++) {
      const from = binOf[item]!;
      if (from !== focus) continue;
      effort.left -= bins + n;
      for (let bin = 0; bin < bins; bin++) {
        if (bin === from) continue;
        const change = delta(from, item, -1) + delta(bin, -1, item);
        if (change >= bestMove - EPSILON) continue;
        if (!isTabu(item, bin, iteration) || overflow + change < bestOverflow - EPSILON) {
          bestMove = change;
          moveItem = item;
          moveBin = bin;
          swapWith = -1;
        }
      }
      for (let other = 0; other < n; other++) {
        const bin = binOf[other]!;
        if (bin === from) continue;
        const change = swapDelta(from, item, bin, other);
        if (change >= bestMove - EPSILON) continue;
        const tabu = isTabu(item, bin, iteration) || isTabu(other, from, iteration);
        if (!tabu || overflow + change < bestOverflow - EPSILON) {
          bestMove = change;
          moveItem = item;
          moveBin = bin;
          swapWith = other;
        }
      }
    }
    if (moveItem === -1) continue;
    const from = binOf[moveItem]!;
    place(moveItem, from, -1);
    place(moveItem, moveBin, 1);
    binOf[moveItem] = moveBin;
    makeTabu(moveItem, from, iteration);
    if (swapWith >= 0) {
      place(swapWith, moveBin, -1);
      place(swapWith, from, 1);
      binOf[swapWith] = from;
      makeTabu(swapWith, moveBin, iteration);
    }
    overflow = 0;
    for (let index = 0; index < load.length; index++) overflow += excess(load[index]!);
    if (overflow < bestOverflow) bestOverflow = overflow;
  }
  if (overflow > EPSILON || !fitsExactly(instance, binOf, bins)) return undefined;
  return { bins, binOf };

  // Overflow change when item (in bin a) and other (in bin b) trade places.
  function swapDelta(a: number, item: number, b: number, other: number): number {
    let change = 0;
    for (let k = 0; k < dims; k++) {
      const shift = x[other * dims + k]! - x[item * dims + k]!;
      change += excess(load[a * dims + k]! + shift) - excess(load[a * dims + k]!);
      change += excess(load[b * dims + k]! - shift) - excess(load[b * dims + k]!);
    }
    return change;
  }
}

/** Normalised loads can round; the integer sizes decide whether the packing is really feasible. */
function fitsExactly(instance: VbpInstance, binOf: Int32Array, bins: number): boolean {
  const { dims, capacity, sizes } = instance;
  const load = new Float64Array(bins * dims);
  for (let item = 0; item < binOf.length; item++) {
    for (let k = 0; k < dims; k++) {
      load[binOf[item]! * dims + k] += sizes[item * dims + k]!;
      if (load[binOf[item]! * dims + k]! > capacity[k]!) return false;
    }
  }
  return true;
}
