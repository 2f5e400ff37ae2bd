/**
 * The filter pipeline, in the order it runs. Cheapest and most selective first: a node that is
 * down or outside a pin is rejected before any arithmetic. The capacity filter runs last
 * because the storage filter guarantees it a reachable pool instance to measure.
 */
import { antiAffinity } from './anti-affinity.js';
import { capacity } from './capacity.js';
import { gpuModel } from './gpu-model.js';
import { nodeAffinity } from './node-affinity.js';
import { nodeUp } from './node-up.js';
import { storageReachable } from './storage-reachable.js';
import type { Filter } from '../types.js';

export const FILTERS: readonly Filter[] = [nodeUp, nodeAffinity, storageReachable, gpuModel, antiAffinity, capacity];
