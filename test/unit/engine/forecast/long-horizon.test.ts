import { describe, expect, it } from 'vitest';
import { longHorizonForecast, sustainedDailyPeaks } from '../../../../src/engine/forecast/long-horizon.js';
import { tabulate } from '../../../../src/engine/forecast/series.js';

const DAY = 24;

describe('sustained daily peaks', () => {
  it('takes the highest mean over `sustain` steps each day', () => {
    // One day of 4 steps, sustain 2: means of (1,5)=3, (5,2)=3.5, (2,2)=2 -> 3.5; a lone spike
    // of 5 does not count by itself.
    expect([...sustainedDailyPeaks(Float64Array.of(1, 5, 2, 2), 4, 2)]).toEqual([3.5]);
  });
});

describe('long-horizon forecast', () => {
  // A daily cycle of amplitude 0.1 on a level that grows 0.002 a day, 60 days of 24 steps.
  // sustain 1: the daily peak is 0.5 + 0.1 + 0.002 * day (+ a sub-day share of growth).
  const growth = 0.002 / DAY;
  const y = tabulate(60 * DAY, (t) => 0.5 + growth * t + 0.1 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));
  const short = tabulate(DAY, (h) => 0.5 + growth * (60 * DAY + h) + 0.1 * Math.sin((2 * Math.PI * h) / DAY));
  const forecast = longHorizonForecast(y, short, DAY, 365, [0.8, 0.95], 1);

  it('recovers the growth of the daily peaks', () => {
    expect(forecast.params.slopePerDay).toBeCloseTo(0.002, 9);
  });

  it('forecasts the peak a year on from the trend, with zero-width intervals on an exact line', () => {
    // Day 60 + 364 from the start: peak = peak(day 0) + 0.002 * 424.
    const peakDay0 = sustainedDailyPeaks(y, DAY, 1)[0]!;
    expect(forecast.dailyPeak.mean[364]).toBeCloseTo(peakDay0 + 0.002 * 424, 9);
    expect(forecast.dailyPeak.upper[1]![364]).toBeCloseTo(forecast.dailyPeak.mean[364]!, 9);
  });

  it('keeps the short forecast, then lifts its last day by the peak trend', () => {
    expect([...forecast.joined.subarray(0, DAY)]).toEqual([...short]);
    // Day 100 of the joined path: the short day shifted by 100 days of peak growth.
    const day100 = forecast.joined.subarray(100 * DAY, 101 * DAY);
    expect(Math.max(...day100) - Math.max(...short)).toBeCloseTo(0.2, 9);
    // and its daily peak matches the peak trend's forecast for that day.
    expect(Math.max(...day100)).toBeCloseTo(forecast.dailyPeak.mean[100]!, 3);
  });
});

describe('long-horizon forecast across a level shift', () => {
  // The same 60 days growing 0.002 a day, with a step of +0.1 from day 30 on (a VM added).
  // A line through those peaks tilts toward the step: its slope is 0.002 + 0.1 * cov(d, step) /
  // var(d) = 0.002 + 0.1 * 7.5 / 299.92 = 0.0045 (cov = mean of d over days 30..59 times 1/2,
  // 22.25, minus 29.5 * 0.5; var = (60^2 - 1) / 12), more than twice the growth.
  const growth = 0.002 / DAY;
  const step = (t: number) => (t >= 30 * DAY ? 0.1 : 0);
  const y = tabulate(60 * DAY, (t) => 0.5 + growth * t + step(t) + 0.1 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));
  const short = tabulate(DAY, (h) => y[59 * DAY + h]! + 0.002);
  const forecast = longHorizonForecast(y, short, DAY, 365, [0.8, 0.95], 1);

  it('finds the step and keeps the growth within the segments', () => {
    expect(forecast.params.levelShift?.day).toBe(30);
    expect(forecast.params.levelShift?.size).toBeCloseTo(0.1, 9);
    expect(forecast.params.slopePerDay).toBeCloseTo(0.002, 9);
  });

  it('forecasts from the level after the step', () => {
    // Day 60 + 364: peak(day 0) + 0.002 * 424 + 0.1.
    const peakDay0 = sustainedDailyPeaks(y, DAY, 1)[0]!;
    expect(forecast.dailyPeak.mean[364]).toBeCloseTo(peakDay0 + 0.002 * 424 + 0.1, 9);
    expect(forecast.params.interceptAtLastDay).toBeCloseTo(peakDay0 + 0.002 * 59 + 0.1, 9);
  });

  it('takes no step on a line, nor on a wiggle no step explains', () => {
    const line = tabulate(60 * DAY, (t) => 0.5 + growth * t + 0.1 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));
    expect(longHorizonForecast(line, short, DAY, 10, [0.8], 1).params.levelShift).toBeNull();
    // Peaks +-0.001 on alternate days: SSE of the line 5.995e-5, of the best step (day 30)
    // 5.980e-5, so F = (5.995 - 5.980) / (5.980 / 57) = 0.14, far under the 8.85 a step needs.
    const wiggle = tabulate(60 * DAY, (t) => line[t]! + (Math.floor(t / DAY) % 2 === 0 ? 0.001 : -0.001));
    const fit = longHorizonForecast(wiggle, short, DAY, 10, [0.8], 1);
    expect(fit.params.levelShift).toBeNull();
    expect(fit.params.slopePerDay).toBeCloseTo(0.002, 4);
  });
});

describe('long-horizon forecast with lower weekend peaks', () => {
  // Six weeks of 24 steps growing 0.002 a day, peaks 0.1 lower on days 5 and 6 of each week
  // (a weekend), and a step of +0.1 from day 21 on. Without day-of-week terms the weekends are
  // residuals as large as the step; with them the fit is exact.
  const growth = 0.002 / DAY;
  const weekend = (day: number) => (day % 7 >= 5 ? 0.1 : 0);
  const y = tabulate(42 * DAY, (t) => {
    const day = Math.floor(t / DAY);
    return 0.5 + growth * t - weekend(day) + (day >= 21 ? 0.1 : 0) + 0.1 * Math.sin((2 * Math.PI * (t % DAY)) / DAY);
  });
  const short = tabulate(DAY, (h) => y[41 * DAY + h]!);
  const forecast = longHorizonForecast(y, short, DAY, 14, [0.8], 1);
  const peakDay0 = sustainedDailyPeaks(y, DAY, 1)[0]!;

  it('fits the week, finds the step, and keeps the growth', () => {
    expect(forecast.params.weekly).toBe(true);
    expect(forecast.params.levelShift?.day).toBe(21);
    expect(forecast.params.levelShift?.size).toBeCloseTo(0.1, 9);
    expect(forecast.params.slopePerDay).toBeCloseTo(0.002, 9);
  });

  it('forecasts weekday and weekend peaks each from its own level', () => {
    // Day 42 (k = 0) is a weekday: peak(day 0) + 0.002 * 42 + 0.1 (the step).
    expect(forecast.dailyPeak.mean[0]).toBeCloseTo(peakDay0 + 0.002 * 42 + 0.1, 9);
    // Day 47 (k = 5) is day 5 of its week: 0.1 lower.
    expect(forecast.dailyPeak.mean[5]).toBeCloseTo(peakDay0 + 0.002 * 47 + 0.1 - 0.1, 9);
  });
});
