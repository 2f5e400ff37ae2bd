/** Piscina worker: unpack a batch of failure scenarios, simulate them, return the compact result. */
import { workerData } from 'piscina';
import { simulateBatch, type BatchResult, type ScenarioBatch } from '../engine/failure/batch.js';
import { contextFromWorkerData, type SweepWorkerData } from './sweep-data.js';

const context = contextFromWorkerData(workerData as SweepWorkerData);

export default (batch: ScenarioBatch): BatchResult => simulateBatch(context, batch);
