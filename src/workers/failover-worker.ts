/** Piscina worker: unpack a batch of failure scenarios, simulate them, return the compact result. */
import { workerData } from 'piscina';
import { simulateBatch, type BatchResult, type ScenarioBatch } from '../engine/policy/sweep-batch.js';
import { contextFromWorkerData, type SweepWorkerData } from './sweep-data.js';

const data = workerData as SweepWorkerData;
const context = contextFromWorkerData(data);

export default (batch: ScenarioBatch): BatchResult => simulateBatch(context, batch, data.judge);
