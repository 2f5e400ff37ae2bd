/**
 * First-fit search in O(log n) per probe instead of a scan of every node: a segment tree over
 * the nodes (in name order) holding, per subtree, the largest free CPU, memory and GPU count of
 * any up node in it. A subtree whose largest free room in some resource is below the VM's
 * request cannot hold a node that fits, so the search skips it; at a leaf the full filter
 * pipeline decides, and a leaf that fails (a rule, disk) sends the search on to the next leaf.
 * The answer is therefore exactly the naive scan's: the first node in name order that passes
 * every filter. Reference: the bin-packing "first fit in O(n log n)" tournament tree (Johnson
 * 1974), extended to vectors as a necessary-condition prune. Memory: 3 × 2n doubles.
 *
 * Shape hints. For a VM bound by no rule (no anti-affinity group, no node affinity, no HA
 * rule, no GPU model), the first node that passes is the first with room for its shape (CPU, memory, GPUs,
 * disk, pool), and while nodes only fill up, no node before it can gain room for that shape.
 * So every later VM of the same shape, bound by rules or not, starts its search there; only a
 * rule-free VM's answer moves the hint. Any update that frees room clears the hints. This keeps
 * first fit near-linear when many VMs share a class.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';

export class RoomIndex {
  private readonly size: number;
  private readonly cpu: Float64Array;
  private readonly mem: Float64Array;
  private readonly gpu: Float64Array;
  private readonly hints = new Map<string, number>();

  constructor(private readonly state: ClusterState) {
    const { nodeCount } = state.index;
    let size = 1;
    while (size < nodeCount) size *= 2;
    this.size = size;
    this.cpu = new Float64Array(2 * size).fill(-Infinity);
    this.mem = new Float64Array(2 * size).fill(-Infinity);
    this.gpu = new Float64Array(2 * size).fill(-Infinity);
    for (let node = 0; node < nodeCount; node++) this.setLeaf(node);
    for (let i = size - 1; i >= 1; i--) this.pull(i);
  }

  /** Call after the state changed on `node` (a VM assigned or stopped, the node failed). */
  update(node: number): void {
    const leaf = node + this.size;
    const [cpu, mem, gpu] = [this.cpu[leaf]!, this.mem[leaf]!, this.gpu[leaf]!];
    this.setLeaf(node);
    if (this.cpu[leaf]! > cpu || this.mem[leaf]! > mem || this.gpu[leaf]! > gpu) this.hints.clear();
    for (let i = (node + this.size) >> 1; i >= 1; i >>= 1) this.pull(i);
  }

  /** The first node, in name order, for which `accepts` holds among those with room for the request. */
  firstFit(vm: number, accepts: (node: number) => boolean): number {
    const { index } = this.state;
    const shape = `${index.vmCpu[vm]}|${index.vmMem[vm]}|${index.vmGpus[vm]}|${index.vmDisk[vm]}|${index.vmPool[vm]}`;
    const from = this.hints.get(shape) ?? 0;
    const found = this.search(1, 0, this.size - 1, from, index.vmCpu[vm]! - 1e-9, index.vmMem[vm]! - 1e-9, index.vmGpus[vm]!, accepts);
    if (this.ruleFree(vm)) this.hints.set(shape, found === -1 ? this.size : found);
    return found;
  }

  /** Subtree i covers nodes lo..hi; nodes before `from` are skipped. */
  private search(i: number, lo: number, hi: number, from: number, cpu: number, mem: number, gpu: number, accepts: (node: number) => boolean): number {
    if (hi < from || this.cpu[i]! < cpu || this.mem[i]! < mem || this.gpu[i]! < gpu) return -1;
    if (i >= this.size) return accepts(lo) ? lo : -1;
    const mid = (lo + hi) >> 1;
    const left = this.search(2 * i, lo, mid, from, cpu, mem, gpu, accepts);
    return left !== -1 ? left : this.search(2 * i + 1, mid + 1, hi, from, cpu, mem, gpu, accepts);
  }

  private ruleFree(vm: number): boolean {
    const { index } = this.state;
    const { ha } = index;
    const noHaRule = ha.priority[vm] === null && ha.apart.start[vm] === ha.apart.start[vm + 1] && ha.together.start[vm] === ha.together.start[vm + 1];
    return noHaRule && index.vmGroup[vm] === NO_INDEX && index.vmAllowed[vm] === null && index.vmPreferred[vm] === null && (index.vmGpus[vm] === 0 || index.vmGpuModel[vm] === NO_INDEX);
  }

  private setLeaf(node: number): void {
    const { state } = this;
    const { index } = state;
    const leaf = node + this.size;
    const up = state.nodeUp[node] === 1;
    this.cpu[leaf] = up ? index.cpuCap[node]! - state.cpuUsed[node]! : -Infinity;
    this.mem[leaf] = up ? index.memCap[node]! - state.memUsed[node]! : -Infinity;
    this.gpu[leaf] = up ? index.gpuCap[node]! - state.gpuUsed[node]! : -Infinity;
  }

  private pull(i: number): void {
    this.cpu[i] = Math.max(this.cpu[2 * i]!, this.cpu[2 * i + 1]!);
    this.mem[i] = Math.max(this.mem[2 * i]!, this.mem[2 * i + 1]!);
    this.gpu[i] = Math.max(this.gpu[2 * i]!, this.gpu[2 * i + 1]!);
  }
}
