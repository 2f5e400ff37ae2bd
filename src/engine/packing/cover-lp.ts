/**
 * The set-covering LP behind column generation for bin packing, solved by the revised simplex
 * method with an explicit basis inverse.
 *
 *   minimise  sum_p lambda_p
 *   subject to  sum over patterns p containing item i of lambda_p >= 1   for every item i,
 *               lambda >= 0,
 * where a pattern is a set of items that fits one bin. In equality form each row gets a surplus
 * column -e_i. The starting basis is the m singleton patterns {i} (every item fits alone), so
 * B = I and no phase 1 is needed. Each pivot: duals pi = c_B B^-1, entering column by most
 * negative reduced cost (1 - sum_{i in p} pi_i for a pattern, pi_i for a surplus), ratio test,
 * eta update of B^-1 (O(m^2)). After 40 degenerate pivots in a row it switches to Bland's rule
 * (lowest index enters and leaves), which cannot cycle; B^-1 is rebuilt from scratch every
 * 200 pivots to shed rounding error.
 * Reference: Chvatal, "Linear Programming" (1983), chapters 7-8 (revised simplex, Bland's rule);
 * Gilmore & Gomory 1961 (the pattern formulation).
 * Complexity: O(m^2 + total pattern length) per pivot, O(m^3) per rebuild.
 */
import { InvariantError } from '../../errors.js';

const EPSILON = 1e-9;
const DEGENERATE_LIMIT = 40;
const REBUILD_EVERY = 200;

export class CoverLp {
  readonly patterns: Int32Array[] = [];
  /** basis[r] >= 0: a pattern; basis[r] = -1 - i: the surplus of row i. */
  private readonly basis: Int32Array;
  private inverse: Float64Array;
  private values: Float64Array;
  private pivots = 0;

  constructor(readonly rows: number) {
    this.basis = new Int32Array(rows);
    this.inverse = new Float64Array(rows * rows);
    this.values = new Float64Array(rows).fill(1);
    for (let row = 0; row < rows; row++) {
      this.patterns.push(Int32Array.of(row));
      this.basis[row] = row;
      this.inverse[row * rows + row] = 1;
    }
  }

  addPattern(items: Int32Array): void {
    this.patterns.push(items);
  }

  /** Optimises over the current patterns; returns the objective. */
  solve(): number {
    const m = this.rows;
    const inBasis = new Uint8Array(this.patterns.length);
    for (const column of this.basis) if (column >= 0) inBasis[column] = 1;
    let degenerate = 0;
    for (;;) {
      const duals = this.duals();
      const bland = degenerate >= DEGENERATE_LIMIT;
      let entering = 0;
      let enteringCost = -EPSILON;
      let found = false;
      for (let row = 0; row < m && !(bland && found); row++) {
        if (duals[row]! < enteringCost) {
          enteringCost = duals[row]!;
          entering = -1 - row;
          found = true;
        }
      }
      for (let column = 0; column < this.patterns.length && !(bland && found); column++) {
        if (inBasis[column]) continue;
        let cost = 1;
        for (const item of this.patterns[column]!) cost -= duals[item]!;
        if (cost < enteringCost) {
          enteringCost = cost;
          entering = column;
          found = true;
        }
      }
      if (!found) return this.objective();

      const direction = new Float64Array(m);
      for (let row = 0; row < m; row++) {
        let value = 0;
        if (entering >= 0) for (const item of this.patterns[entering]!) value += this.inverse[row * m + item]!;
        else value = -this.inverse[row * m + (-1 - entering)]!;
        direction[row] = value;
      }
      let leaving = -1;
      let ratio = Infinity;
      for (let row = 0; row < m; row++) {
        if (direction[row]! <= EPSILON) continue;
        const candidate = this.values[row]! / direction[row]!;
        if (candidate < ratio - EPSILON || (bland && Math.abs(candidate - ratio) <= EPSILON && this.basis[row]! < this.basis[leaving]!)) {
          ratio = candidate;
          leaving = row;
        }
      }
      if (leaving === -1) throw new InvariantError('covering LP unbounded, impossible with a cost of 1 per pattern', { entering, enteringCost });
      degenerate = ratio <= EPSILON ? degenerate + 1 : 0;
      this.pivot(leaving, direction);
      const left = this.basis[leaving]!;
      if (left >= 0) inBasis[left] = 0;
      this.basis[leaving] = entering;
      if (entering >= 0) inBasis[entering] = 1;
      if (++this.pivots % REBUILD_EVERY === 0) this.rebuild();
    }
  }

  /** pi = c_B B^-1 (c = 1 for patterns, 0 for surpluses). */
  duals(): Float64Array {
    const m = this.rows;
    const duals = new Float64Array(m);
    for (let row = 0; row < m; row++) {
      if (this.basis[row]! < 0) continue;
      for (let column = 0; column < m; column++) duals[column] += this.inverse[row * m + column]!;
    }
    return duals;
  }

  /** The basic patterns with their values, largest first (ties by pattern index). */
  solution(): { pattern: Int32Array; value: number }[] {
    const basic: { pattern: Int32Array; value: number; index: number }[] = [];
    this.basis.forEach((column, row) => {
      if (column >= 0 && this.values[row]! > EPSILON) basic.push({ pattern: this.patterns[column]!, value: this.values[row]!, index: column });
    });
    return basic.sort((a, b) => b.value - a.value || a.index - b.index);
  }

  private objective(): number {
    let total = 0;
    this.basis.forEach((column, row) => {
      if (column >= 0) total += this.values[row]!;
    });
    return total;
  }

  private pivot(leaving: number, direction: Float64Array): void {
    const m = this.rows;
    const pivotValue = direction[leaving]!;
    for (let column = 0; column < m; column++) this.inverse[leaving * m + column]! /= pivotValue;
    this.values[leaving]! /= pivotValue;
    for (let row = 0; row < m; row++) {
      const factor = direction[row]!;
      if (row === leaving || factor === 0) continue;
      for (let column = 0; column < m; column++) this.inverse[row * m + column]! -= factor * this.inverse[leaving * m + column]!;
      this.values[row]! -= factor * this.values[leaving]!;
      if (this.values[row]! < 0 && this.values[row]! > -EPSILON) this.values[row] = 0;
    }
  }

  /** Recomputes B^-1 by Gauss-Jordan elimination with partial pivoting, and x_B = B^-1 * 1. */
  private rebuild(): void {
    const m = this.rows;
    const matrix = new Float64Array(m * m);
    this.basis.forEach((column, position) => {
      if (column >= 0) for (const item of this.patterns[column]!) matrix[item * m + position] = 1;
      else matrix[(-1 - column) * m + position] = -1;
    });
    const inverse = new Float64Array(m * m);
    for (let row = 0; row < m; row++) inverse[row * m + row] = 1;
    for (let column = 0; column < m; column++) {
      let pivotRow = column;
      for (let row = column + 1; row < m; row++) if (Math.abs(matrix[row * m + column]!) > Math.abs(matrix[pivotRow * m + column]!)) pivotRow = row;
      if (Math.abs(matrix[pivotRow * m + column]!) < 1e-12) return; // keep the eta-updated inverse
      swapRows(matrix, m, column, pivotRow);
      swapRows(inverse, m, column, pivotRow);
      const scale = matrix[column * m + column]!;
      for (let j = 0; j < m; j++) {
        matrix[column * m + j]! /= scale;
        inverse[column * m + j]! /= scale;
      }
      for (let row = 0; row < m; row++) {
        const factor = matrix[row * m + column]!;
        if (row === column || factor === 0) continue;
        for (let j = 0; j < m; j++) {
          matrix[row * m + j]! -= factor * matrix[column * m + j]!;
          inverse[row * m + j]! -= factor * inverse[column * m + j]!;
        }
      }
    }
    // Gauss-Jordan on B (columns = basis positions) yields B^-1 with rows indexed by position.
    this.inverse = inverse;
    const values = new Float64Array(m);
    for (let row = 0; row < m; row++) {
      let value = 0;
      for (let column = 0; column < m; column++) value += inverse[row * m + column]!;
      values[row] = Math.max(0, value);
    }
    this.values = values;
  }
}

function swapRows(matrix: Float64Array, m: number, a: number, b: number): void {
  if (a === b) return;
  for (let j = 0; j < m; j++) {
    const held = matrix[a * m + j]!;
    matrix[a * m + j] = matrix[b * m + j]!;
    matrix[b * m + j] = held;
  }
}
