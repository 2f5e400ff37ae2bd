/**
 * The filter pipeline, in the order it runs. Cheapest and most selective first: a node that is
 * down or outside a pin is rejected before any arithmetic. Node priorities come after the pin
 * (they read every node's priority). The capacity filter runs last because the storage filter
 * guarantees it a reachable pool instance to measure.
 */
import { antiAffinity } from './anti-affinity.js';
import { capacity, deviceCapacity } from './capacity.js';
import { gpuModel } from './gpu-model.js';
import { nodeAffinity } from './node-affinity.js';
import { nodePriority } from './node-priority.js';
import { nodeUp } from './node-up.js';
import { resourceAffinity } from './resource-affinity.js';
import { storageReachable } from './storage-reachable.js';
import type { Filter } from '../types.js';

export const FILTERS: readonly Filter[] = [nodeUp, nodeAffinity, nodePriority, storageReachable, gpuModel, antiAffinity, resourceAffinity, capacity];

/** The same constraints without CPU and memory fit, which Proxmox's HA manager does not check (capacity.ts). */
export const PROXMOX_FILTERS: readonly Filter[] = FILTERS.map((filter) => (filter === capacity ? deviceCapacity : filter));
