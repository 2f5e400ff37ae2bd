/**
 * `/etc/pve/datacenter.cfg` (pve-cluster `DataCenterConfig.pm`, `parse_datacenter_config`): plain
 * `key: value` lines, `#` lines being the description. Only the HA scheduler settings are read:
 *
 *   crs: ha=basic|static|dynamic[,ha-rebalance-on-start=0|1][,ha-auto-rebalance=0|1][,...]
 *
 * - `crs` absent, or without `ha=`, means Proxmox's default scheduler `basic`; `defaulted` says so.
 * - The other `ha-auto-rebalance-*` options are checked as `key=value` only: they tune a rebalancer
 *   the scenario does not model.
 * - Every line must be `key: value`; a bad line, an unknown scheduler or a flag other than 0/1 is an
 *   error at its line.
 */
import { InputError } from '../../../errors.js';

export const PVE_CRS_MODES = ['basic', 'static', 'dynamic'] as const;
export type PveCrsMode = (typeof PVE_CRS_MODES)[number];

export interface DatacenterConfig {
  crs: PveCrsMode;
  /** True when datacenter.cfg states no `crs: ha=...` and Proxmox's default applies. */
  defaulted: boolean;
  rebalanceOnStart: boolean;
  autoRebalance: boolean;
}

const LINE = /^([a-z][a-z0-9_-]*):\s*(.*?)\s*$/;

export function readDatacenterCfg(text: string, file: string): DatacenterConfig {
  const config: DatacenterConfig = { crs: 'basic', defaulted: true, rebalanceOnStart: false, autoRebalance: false };
  text.split('\n').forEach((rawLine, index) => {
    const raw = rawLine.replace(/\r$/, '');
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const match = LINE.exec(raw);
    if (match === null) throw new InputError({ file, line, field: 'line', value: raw, expected: "'key: value'" });
    if (match[1] === 'crs') Object.assign(config, readCrs(match[2]!, file, line));
  });
  return config;
}

/** The `crs` property string; its default key is `ha`. */
export function readCrs(value: string, file: string, line?: number): DatacenterConfig {
  const at = line === undefined ? {} : { line };
  const options = new Map<string, string>();
  for (const part of value.split(',').filter((item) => item.trim() !== '')) {
    const equals = part.indexOf('=');
    if (equals < 0) {
      if (options.size > 0) throw new InputError({ file, ...at, field: 'crs', value: part, expected: "'key=value' options after the first" });
      options.set('ha', part.trim());
    } else {
      options.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
    }
  }
  const mode = options.get('ha');
  if (mode !== undefined && !(PVE_CRS_MODES as readonly string[]).includes(mode)) {
    throw new InputError({ file, ...at, field: 'crs.ha', value: mode, expected: `one of ${PVE_CRS_MODES.join(', ')}` });
  }
  const flag = (key: string): boolean => {
    const raw = options.get(key);
    if (raw === undefined || raw === '0') return false;
    if (raw === '1') return true;
    throw new InputError({ file, ...at, field: `crs.${key}`, value: raw, expected: '0 or 1' });
  };
  return { crs: (mode as PveCrsMode | undefined) ?? 'basic', defaulted: mode === undefined, rebalanceOnStart: flag('ha-rebalance-on-start'), autoRebalance: flag('ha-auto-rebalance') };
}
