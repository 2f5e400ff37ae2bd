/**
 * Rolling maintenance: which nodes go down together (waves of at most `maxParallel`), and for each
 * wave the migrations that empty it (evacuate.ts) and whether the guarantee holds while it is down
 * (wave.ts). Objective: fewest waves first, then fewest GiB moved.
 *
 * Heuristic: first fit decreasing over nodes, the bin-packing rule applied to waves.
 *   1. Nodes in decreasing order of memory in use (ties in name order): the hardest to empty first.
 *   2. Each node joins an open wave (fewer than maxParallel nodes, guarantee kept) with which the
 *      merged wave still keeps the guarantee and stops no VM that neither part stopped alone;
 *      among the waves that accept it, the one whose GiB moved grows least (ties: the earlier
 *      wave). Otherwise it opens a wave of its own.
 *   3. A node that breaks the guarantee even alone gets a wave of its own, with the blockers.
 * Lower bound on the number of waves: ceil(nodes / maxParallel) (every node must go down once).
 * Waves are independent: each starts from the cluster as it runs (guests return home after each),
 * so they may run in any order; they are listed in the order they were opened.
 * Complexity: O(nodes × waves) wave judgements in the worst case, each an evacuation and (n+1)
 * one failure simulation per node up. The base state is never written.
 */
import type { Cluster } from '../model/cluster.js';
import type { ClusterState } from '../model/state.js';
import { placedState, strategyNamed } from '../placement/plan.js';
import { STRATEGIES } from '../placement/strategies/index.js';
import type { Strategy } from '../placement/types.js';
import { judgeWave, type KeepPolicy, type WaveJudgement, type WaveOptions } from './wave.js';

export interface MaintenanceOptions extends WaveOptions {
  maxParallel: number;
}

export interface MaintenancePlan {
  scenario: string;
  strategy: string;
  keep: KeepPolicy;
  maxParallel: number;
  /** Every wave keeps the guarantee. */
  holds: boolean;
  waveLowerBound: number;
  waves: Array<WaveJudgement & { wave: number }>;
  totals: { waves: number; moves: number; gibMoved: number; durationSeconds: number | null };
}

export function planMaintenance(cluster: Cluster, strategyName: string, options: MaintenanceOptions): MaintenancePlan {
  const restartWith = strategyNamed(strategyName);
  const { state } = placedState(cluster, restartWith, false);
  const placeWith = evacuationStrategy(restartWith);
  const waves = formWaves(state, placeWith, restartWith, options);
  const durations = waves.map((w) => w.durationSeconds);
  return {
    scenario: cluster.name,
    strategy: strategyName,
    keep: options.keep,
    maxParallel: options.maxParallel,
    holds: waves.every((w) => w.keepsGuarantee),
    waveLowerBound: Math.ceil(state.index.nodeCount / options.maxParallel),
    waves: waves.map((w, i) => ({ wave: i + 1, ...w })),
    totals: {
      waves: waves.length,
      moves: waves.reduce((sum, w) => sum + w.moves.length, 0),
      gibMoved: Math.round(waves.reduce((sum, w) => sum + w.gibMoved, 0) * 1e6) / 1e6,
      durationSeconds: durations.includes(null) ? null : Math.round((durations as number[]).reduce((a, b) => a + b, 0) * 10) / 10,
    },
  };
}

/**
 * Evacuation targets must fit: the Proxmox strategies rank without checking fit (their filters
 * leave CPU and memory out), so a wave evacuates with `balanced`, the static CRS's headroom twin.
 */
function evacuationStrategy(strategy: Strategy): Strategy {
  return strategy.filters === undefined ? strategy : STRATEGIES.balanced;
}

interface OpenWave {
  nodes: number[];
  judgement: WaveJudgement;
}

function formWaves(state: ClusterState, placeWith: Strategy, restartWith: Strategy, options: MaintenanceOptions): WaveJudgement[] {
  const { index } = state;
  const order = index.nodes.map((_, n) => n).sort((a, b) => state.memUsed[b]! - state.memUsed[a]! || a - b);
  const judge = (nodes: readonly number[]) => judgeWave(state, [...nodes].sort((a, b) => a - b), placeWith, restartWith, options);
  const waves: OpenWave[] = [];
  for (const node of order) {
    const alone = judge([node]);
    let chosen: { wave: OpenWave; judgement: WaveJudgement } | null = null;
    if (alone.keepsGuarantee) {
      for (const wave of waves) {
        if (wave.nodes.length >= options.maxParallel || !wave.judgement.keepsGuarantee) continue;
        const merged = judge([...wave.nodes, node]);
        if (!merged.keepsGuarantee || !stopsNoMore(merged, wave.judgement, alone)) continue;
        const growth = merged.gibMoved - wave.judgement.gibMoved;
        if (chosen === null || growth < chosen.judgement.gibMoved - chosen.wave.judgement.gibMoved - 1e-9) chosen = { wave, judgement: merged };
      }
    }
    if (chosen === null) waves.push({ nodes: [node], judgement: alone });
    else {
      chosen.wave.nodes.push(node);
      chosen.wave.judgement = chosen.judgement;
    }
  }
  return waves.map((w) => w.judgement);
}

function stopsNoMore(merged: WaveJudgement, wave: WaveJudgement, alone: WaveJudgement): boolean {
  const allowed = new Set([...wave.stopped, ...alone.stopped].map((s) => s.vm));
  return merged.stopped.every((s) => allowed.has(s.vm));
}
