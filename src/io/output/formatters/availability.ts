/** Renders `headroom availability`: one row per service, then the model's assumptions. */
import type { AvailabilityResult, Contributor, DowntimeFigures, ServiceAvailability } from '../../../engine/availability/availability.js';
import { textTable, type TableRenderer } from '../tables.js';

export function renderAvailability(result: AvailabilityResult): string {
  const lines = [
    `Expected downtime per service per year on ${result.scenario} (strategy ${result.strategy}; Monte Carlo: ${result.years.toLocaleString('en-US')} simulated years, seed ${result.seed}):`,
    availabilityTable(result.services, textTable),
    '',
    assumptionsLine(result),
  ];
  if (result.target !== null) {
    const short = result.services.filter((s) => s.meetsTarget === false);
    lines.push(
      short.length === 0
        ? `Target ${result.target.percent}% (at most ${result.target.allowedMinutesPerYear} minutes a year): every service meets it.`
        : `Target ${result.target.percent}% (at most ${result.target.allowedMinutesPerYear} minutes a year): ${short.length} service${short.length === 1 ? '' : 's'} fall${short.length === 1 ? 's' : ''} short: ${short.map((s) => s.name).join(', ')}.`,
    );
  }
  return lines.join('\n');
}

/** The per-service table, for the command and the report (any renderer). */
export function availabilityTable(services: ReadonlyArray<Pick<ServiceAvailability, 'name' | 'rule' | 'analytic'> & { monteCarlo?: ServiceAvailability['monteCarlo'] }>, table: TableRenderer): string {
  const withMonteCarlo = services.some((s) => s.monteCarlo !== undefined);
  const headers = ['service', 'rule', 'analytic min/yr', ...(withMonteCarlo ? ['Monte Carlo min/yr', '95% interval'] : []), 'nines', 'top contributors'];
  const rows = services.map((s) => [
    s.name,
    s.rule,
    s.analytic.downtimeMinutesPerYear,
    ...(s.monteCarlo === undefined ? [] : [s.monteCarlo.downtimeMinutesPerYear, `[${s.monteCarlo.interval95[0]}, ${s.monteCarlo.interval95[1]}]`]),
    ninesText(s.monteCarlo ?? s.analytic),
    contributorsText((s.monteCarlo ?? s.analytic).contributors),
  ]);
  return table(headers, rows);
}

export function ninesText(figures: Pick<DowntimeFigures, 'nines'>): string {
  return figures.nines === null ? 'no downtime' : figures.nines.toFixed(2);
}

function contributorsText(contributors: readonly Contributor[]): string {
  return contributors.slice(0, 3).map((c) => `${causeText(c)} ${Math.round(c.share * 100)}%`).join(', ') || '-';
}

export function causeText(c: Pick<Contributor, 'kind' | 'name'>): string {
  return c.kind === 'maintenance' ? `maintenance of ${c.name}` : c.kind === 'unplaced' ? 'not placed' : c.name;
}

function assumptionsLine(result: AvailabilityResult): string {
  const a = result.assumptions;
  return [
    `Model: node MTBF ${a.node.mtbfHours} h, MTTR ${a.node.mttrHours} h; failure domain MTBF ${a.domain.mtbfHours} h, MTTR ${a.domain.mttrHours} h;`,
    `maintenance ${a.maintenance.perYear} rounds a year, ${a.maintenance.durationMinutes} min per node; HA recovery ${a.haRecoveryMinutes} min; boot ${[`${a.bootMinutes.default} min`, ...Object.entries(a.bootMinutes.byClass).map(([name, minutes]) => `${name} ${minutes} min`)].join(', ')}.`,
    ...overrideLines(a),
    'Nines from the Monte Carlo figure; contributors: the node, domain or maintenance window charged, with its share.',
  ].join('\n');
}

function overrideLines(a: AvailabilityResult['assumptions']): string[] {
  const words = (figures: { mtbfHours?: number; mttrHours?: number }): string => [figures.mtbfHours === undefined ? '' : `MTBF ${figures.mtbfHours} h`, figures.mttrHours === undefined ? '' : `MTTR ${figures.mttrHours} h`].filter(Boolean).join(', ');
  const own = [...Object.entries(a.nodeOverrides), ...Object.entries(a.domainOverrides)].map(([name, figures]) => `${name} ${words(figures)}`);
  return own.length === 0 ? [] : [`Own figures: ${own.join('; ')}.`];
}
