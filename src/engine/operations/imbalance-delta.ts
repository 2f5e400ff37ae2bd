/**
 * Proxmox's node imbalance after one move, in O(1), to rank many candidate moves quickly. With the
 * node loads L_n = (cpu_n / threads_n + mem_n / memGiB_n) / 2 over the N nodes up (auto-rebalance.ts),
 *   S1 = Σ L_n,  S2 = Σ L_n²,  mean = S1 / N,  imbalance = sqrt(S2 / N - mean²) / mean
 * (the population coefficient of variation). Moving a VM of c vCPUs and m GiB from a to b changes
 * only L_a and L_b, so S1 and S2 are updated by their two terms. Rounding differs from the direct
 * sum in the last bits: callers rank with this and report the value nodeImbalance computes.
 * Guards: an idle cluster (mean 0) or one node up has imbalance 0; a negative variance from
 * rounding is taken as 0.
 */
import type { ClusterState } from '../model/state.js';

export class ImbalanceDelta {
  private readonly loads: Float64Array;
  private readonly up: number;
  private readonly s1: number;
  private readonly s2: number;

  constructor(private readonly state: ClusterState) {
    const { index } = state;
    this.loads = new Float64Array(index.nodeCount);
    let s1 = 0;
    let s2 = 0;
    let up = 0;
    for (let node = 0; node < index.nodeCount; node++) {
      if (state.nodeUp[node] === 0) continue;
      const load = this.loadOf(node, state.cpuUsed[node]!, state.memUsed[node]!);
      this.loads[node] = load;
      s1 += load;
      s2 += load * load;
      up++;
    }
    [this.s1, this.s2, this.up] = [s1, s2, up];
  }

  /** The node's load as Proxmox measures it (threads and whole memory, auto-rebalance.ts). */
  load(node: number): number {
    return this.loads[node]!;
  }

  current(): number {
    return cv(this.s1, this.s2, this.up);
  }

  /** Imbalance if `vm` moved from the node it runs on to `to` (both up). */
  afterMove(vm: number, to: number): number {
    const { index } = this.state;
    const from = this.state.vmNode[vm]!;
    const cpu = index.vmCpu[vm]!;
    const mem = index.vmMem[vm]!;
    const newFrom = this.loadOf(from, this.state.cpuUsed[from]! - cpu, this.state.memUsed[from]! - mem);
    const newTo = this.loadOf(to, this.state.cpuUsed[to]! + cpu, this.state.memUsed[to]! + mem);
    const oldFrom = this.loads[from]!;
    const oldTo = this.loads[to]!;
    const s1 = this.s1 - oldFrom - oldTo + newFrom + newTo;
    const s2 = this.s2 - oldFrom * oldFrom - oldTo * oldTo + newFrom * newFrom + newTo * newTo;
    return cv(s1, s2, this.up);
  }

  private loadOf(node: number, cpu: number, mem: number): number {
    const spec = this.state.index.nodes[node]!;
    return (Math.max(0, cpu) / spec.cpuThreads + Math.max(0, mem) / spec.memGiB) / 2;
  }
}

function cv(s1: number, s2: number, n: number): number {
  if (n < 2 || s1 <= 0) return 0;
  const mean = s1 / n;
  return Math.sqrt(Math.max(0, s2 / n - mean * mean)) / mean;
}
