/** PNG charts (charts/png.ts): decoded back, each has the definition's size and is a picture, not blank or one colour. */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src/engine/report/report.js';
import { reportCharts } from '../../../../src/io/output/charts/definitions.js';
import { renderChartPng } from '../../../../src/io/output/charts/png.js';
import { cluster, node, vm } from '../../../support/builders.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Distinct colours and the share of pixels that are not the white background. */
async function decode(png: Buffer): Promise<{ width: number; height: number; colours: number; inked: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const colours = new Set<number>();
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) inked++;
  }
  return { width: image.width, height: image.height, colours: colours.size, inked: inked / (data.length / 4) };
}

describe('PNG charts', () => {
  const c = cluster()
    .nodes(node('a').memGiB(64).reservedGiB(4), node('b').memGiB(32), node('c').memGiB(32))
    .vms(vm('web').vcpus(4).memGiB(20).on('a'), vm('db').vcpus(2).memGiB(16).on('a'), vm('app').vcpus(2).memGiB(8).on('b'))
    .build();
  const charts = reportCharts(buildReport(c, c.policy.strategy, { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: true }));

  it('draws every chart at its size, with bars, text and more than a few colours', async () => {
    expect(charts.map((chart) => chart.id)).toEqual(['load-cpu', 'load-memory', 'load-disk', 'failover', 'after-worst-failure', 'availability']);
    for (const chart of charts) {
      const png = renderChartPng(chart);
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      const picture = await decode(png);
      expect([chart.id, picture.width, picture.height]).toEqual([chart.id, chart.width, chart.height]);
      // Bars, axes, a title and a legend ink well over 2% of a white picture, anti-aliased text
      // gives dozens of shades; a blank or one-colour image has 1.
      expect(picture.inked).toBeGreaterThan(0.02);
      expect(picture.colours).toBeGreaterThan(20);
    }
  });

  it('draws the same bytes twice (one frame, no animation)', () => {
    expect(renderChartPng(charts[0]!).equals(renderChartPng(charts[0]!))).toBe(true);
  });
});
