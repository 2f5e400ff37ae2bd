/**
 * Draws a chart definition (definitions.ts) to PNG bytes with chart.js on @napi-rs/canvas (a
 * Skia canvas with prebuilt binaries; chartjs-node-canvas needs `canvas`, which does not build
 * here). Not responsive and not animated: the one frame drawn is the final one, at the
 * definition's size, on a white background so a PNG reads the same in a dark mail client.
 */
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import type { ChartDefinition } from './definitions.js';

Chart.register(...registerables);

const WHITE_BACKGROUND = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart): void {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export function renderChartPng(definition: ChartDefinition): Buffer {
  const canvas = createCanvas(definition.width, definition.height);
  const config = structuredClone(definition.config) as unknown as ChartConfiguration;
  config.options = { ...config.options, responsive: false, devicePixelRatio: 1 };
  config.plugins = [WHITE_BACKGROUND];
  // chart.js draws on any 2D context with the browser's API; Skia's is one.
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, config);
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
