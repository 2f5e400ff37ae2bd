/**
 * When a forecast daily peak crosses a threshold (the seed's 85% alert): the first day each
 * edge of the prediction interval, and the mean, reach it.
 *
 *   earliest = first day with upper_t >= threshold   (the pessimistic edge)
 *   likely   = first day with mean_t  >= threshold
 *   latest   = first day with lower_t >= threshold   (the optimistic edge)
 *
 * A day is counted from the last sample (day 1 = the 24 hours after it); the date is that day's
 * UTC calendar date, from the data's own timestamps (no clock is read). "Not within the
 * horizon" is null. The interval's level is the forecast's (80% by default in the reports).
 * Cost: O(horizon).
 */

export interface DailyPeakForecast {
  /** Unix seconds of the last sample the forecast starts from. */
  lastSampleSeconds: number;
  /** Days after the last sample, ascending (1, 2, ...). */
  days: readonly number[];
  mean: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** Interval level, e.g. 0.8. */
  level: number;
}

export interface CrossingDates {
  earliest: string | null;
  likely: string | null;
  latest: string | null;
}

export interface CrossingDays {
  earliest: number | null;
  likely: number | null;
  latest: number | null;
}

const DAY_SECONDS = 86_400;

export function thresholdCrossing(forecast: DailyPeakForecast, threshold: number): { crossing: CrossingDates; daysToCrossing: CrossingDays } {
  const first = (values: ArrayLike<number>): number | null => {
    for (let i = 0; i < forecast.days.length; i++) if (values[i]! >= threshold) return forecast.days[i]!;
    return null;
  };
  const daysToCrossing: CrossingDays = { earliest: first(forecast.upper), likely: first(forecast.mean), latest: first(forecast.lower) };
  const date = (day: number | null): string | null => (day === null ? null : new Date((forecast.lastSampleSeconds + day * DAY_SECONDS) * 1000).toISOString().slice(0, 10));
  return { crossing: { earliest: date(daysToCrossing.earliest), likely: date(daysToCrossing.likely), latest: date(daysToCrossing.latest) }, daysToCrossing };
}
