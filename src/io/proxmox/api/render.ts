/**
 * API answers written back as the /etc/pve files they were parsed from, so the dump's readers
 * (guest-config.ts, storage.ts, section-config.ts, corosync.ts) read both paths and there is one
 * parser per format. Each function states how Proxmox produced the answer from the file:
 *
 * - Guest config (qemu-server `vm_config`, pve-container `vm_config`, both with `current=1`): the
 *   file's current section as a JSON object plus `digest`. Written as qemu-server and
 *   pve-container write the file: `description` as `#` lines first, then `key: value` sorted by key
 *   (so a disk's line is its line in the real file); pve-container's raw `lxc` pairs
 *   (`[[key, value], ...]`) as `key: value` lines. The API's key order is a Perl hash's: ignored.
 * - SectionConfig lists (`/storage`, `/cluster/ha/*`, `/cluster/mapping/pci`): one object per
 *   section with its id under a per-endpoint key (`storage`, `sid`, `rule`, `group`, `id`), its
 *   `type`, the file's `digest`, and list values joined by commas. Written as `<type>: <id>`
 *   (bare `<id>` for pci.cfg) and one indented `key value` line per property, a repeated key (pci
 *   `map`) once per array item.
 * - corosync.conf: `/cluster/config/totem` (the totem block), `/cluster/config/nodes` (the
 *   nodelist, one object per node, the name also under `node`) and `/cluster/config/qdevice`
 *   (the local node's QDevice daemon status; `{}` when none runs).
 *
 * A value of the wrong JSON type is an InputError naming the URL and the JSON path.
 */
import { InputError } from '../../../errors.js';
import { withoutPort } from '../dump/storage.js';

type Json = Record<string, unknown>;

export function objectAt(value: unknown, url: string, path: string): Json {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  throw new InputError({ file: url, field: path, value, expected: 'an object' });
}

export function arrayAt(value: unknown, url: string, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new InputError({ file: url, field: path, value, expected: 'an array' });
}

export function stringAt(entry: Json, key: string, url: string, path: string): string {
  const value = entry[key];
  if (typeof value === 'string' && value !== '') return value;
  throw new InputError({ file: url, field: `${path}.${key}`, value, expected: 'a non-empty string' });
}

/** A scalar as the file writes it: on one line. */
function scalar(value: unknown, url: string, path: string): string {
  if ((typeof value === 'string' && !/[\r\n]/.test(value)) || typeof value === 'number') return String(value);
  throw new InputError({ file: url, field: path, value, expected: 'a string on one line or a number' });
}

export function guestConfigText(data: unknown, url: string): string {
  const config = objectAt(data, url, '$.data');
  const lines: string[] = [];
  const description = config['description'];
  if (description !== undefined) {
    if (typeof description !== 'string') throw new InputError({ file: url, field: '$.data.description', value: description, expected: 'a string' });
    lines.push(...description.replace(/\s+$/, '').split('\n').map((line) => `#${line}`));
  }
  for (const key of Object.keys(config).sort()) {
    if (key === 'digest' || key === 'description') continue;
    if (key === 'lxc') {
      arrayAt(config[key], url, '$.data.lxc').forEach((pair, index) => {
        const [rawKey, rawValue] = arrayAt(pair, url, `$.data.lxc[${index}]`);
        lines.push(`${scalar(rawKey, url, `$.data.lxc[${index}][0]`)}: ${scalar(rawValue, url, `$.data.lxc[${index}][1]`)}`);
      });
      continue;
    }
    lines.push(`${key}: ${scalar(config[key], url, `$.data.${key}`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `/cluster/options` is datacenter.cfg as pve-cluster `parse_datacenter_config` returns it: the
 * `#` lines as `description`, property strings (`crs`, `ha`, `migration`, ...) decoded into
 * objects, and `mac_prefix` filled in when unset. Written back as `key: value` lines, an object as
 * its `k=v` pairs joined by commas, a list joined by semicolons.
 */
export function datacenterText(data: unknown, url: string): string {
  const options = objectAt(data, url, '$.data');
  const lines: string[] = [];
  for (const key of Object.keys(options).sort()) {
    if (key === 'description') continue;
    const value = options[key];
    const path = `$.data.${key}`;
    const text =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value)
            .sort()
            .map((option) => `${option}=${scalar((value as Json)[option], url, `${path}.${option}`)}`)
            .join(',')
        : Array.isArray(value)
          ? value.map((item, index) => scalar(item, url, `${path}[${index}]`)).join(';')
          : scalar(value, url, path);
    lines.push(`${key}: ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface SectionShape {
  /** The key holding the section id: `storage`, `sid`, `rule`, `group`, `id`. */
  idKey: string;
  /** Keys that the API adds and the file does not hold. */
  dropped: readonly string[];
  /** The file's header for an entry; undefined when the file has no types (pci.cfg). */
  header: (entry: Json, path: string, url: string) => string;
}

export function sectionConfigText(entries: readonly Json[], shape: SectionShape, url: string): string {
  return entries
    .map((entry, index) => {
      const path = `$.data[${index}]`;
      const lines = [shape.header(entry, path, url)];
      for (const key of Object.keys(entry).sort()) {
        if (key === shape.idKey || key === 'type' || key === 'digest' || shape.dropped.includes(key)) continue;
        const value = entry[key];
        const values = Array.isArray(value) ? value : [value];
        values.forEach((item, at) => lines.push(`\t${key} ${scalar(item, url, Array.isArray(value) ? `${path}.${key}[${at}]` : `${path}.${key}`)}`));
      }
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

export interface CorosyncAnswers {
  totem: Json;
  nodes: Json[];
  qdevice: Json;
  urls: { totem: string; nodes: string; qdevice: string };
}

/**
 * The QDevice daemon reports its algorithm by name ("Fifty-Fifty split", "LMS"); pvecm configures
 * ffsplit with `votes 1` and lms without a votes line (pve-cluster `pvecm.pm` `setup_qdevice`), so
 * the votes are those pvecm writes: the API shows neither the quorum block nor the votes.
 */
const QDEVICE_ALGORITHMS: readonly [RegExp, string, number | null][] = [
  [/fifty.fifty/i, 'ffsplit', 1],
  [/^(lms|last man standing)$/i, 'lms', null],
];

export function corosyncText(answers: CorosyncAnswers): string {
  const { totem, nodes, qdevice, urls } = answers;
  const lines: string[] = ['totem {'];
  if (totem['cluster_name'] !== undefined && totem['cluster_name'] !== null) lines.push(`  cluster_name: ${scalar(totem['cluster_name'], urls.totem, '$.data.cluster_name')}`);
  lines.push('}', '', 'nodelist {');
  nodes.forEach((node, index) => {
    lines.push('  node {');
    for (const key of Object.keys(node).sort()) {
      if (key === 'node') continue;
      lines.push(`    ${key}: ${scalar(node[key], urls.nodes, `$.data[${index}].${key}`)}`);
    }
    lines.push('  }');
  });
  lines.push('}', '', 'quorum {', '  provider: corosync_votequorum');
  if (Object.keys(qdevice).length > 0) {
    const algorithmName = scalar(qdevice['Algorithm'], urls.qdevice, '$.data.Algorithm');
    const known = QDEVICE_ALGORITHMS.find(([pattern]) => pattern.test(algorithmName));
    if (known === undefined) {
      throw new InputError({ file: urls.qdevice, field: '$.data.Algorithm', value: algorithmName, expected: "a QDevice algorithm corosync-qdevice names 'Fifty-Fifty split' or 'LMS'" });
    }
    const host = scalar(qdevice['QNetd host'], urls.qdevice, "$.data['QNetd host']");
    lines.push('  device {', `    model: ${scalar(qdevice['Model'], urls.qdevice, '$.data.Model').toLowerCase()}`);
    if (known[2] !== null) lines.push(`    votes: ${known[2]}`);
    lines.push('    net {', `      algorithm: ${known[1]}`, `      host: ${withoutPort(host)}`, '    }', '  }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
