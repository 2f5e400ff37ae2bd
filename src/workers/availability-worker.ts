/** Piscina worker: simulate one Monte Carlo chunk of the availability run and return its totals. */
import { workerData } from 'piscina';
import { simulateChunk, type ChunkResult } from '../engine/availability/monte-carlo.js';
import { setupFromWorkerData, type AvailabilityWorkerData, type ChunkTask } from './availability-data.js';

const { model, outcomes, round } = setupFromWorkerData(workerData as AvailabilityWorkerData);

export default (task: ChunkTask): ChunkResult => simulateChunk(model, outcomes, round, task.seed, task.chunk, task.years);
