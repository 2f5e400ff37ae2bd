/**
 * `/etc/pve/corosync.conf`: nested `name {` ... `}` blocks of `key: value` lines (corosync's own
 * format, written by pve-cluster `pvecm`). Read: `nodelist { node { name, nodeid, quorum_votes,
 * ring0_addr } }` and `quorum { expected_votes, two_node, device { votes, model, net { algorithm,
 * host } } }`; the rest (totem, logging) is checked for syntax only.
 *
 * - `quorum_votes` defaults to 1.
 * - A QDevice without a `votes` line keeps votes null: corosync derives them (pvecm writes `votes 1`
 *   for ffsplit on even clusters and none for lms), so the mapping decides, not this reader.
 * - `#` lines are comments; an opening `{` may follow the name on the same line only, as pvecm
 *   writes it. An unclosed block or a stray `}` is an error at its line.
 */
import { InputError } from '../../../errors.js';

export interface CorosyncNode {
  name: string;
  nodeid: number;
  quorumVotes: number;
  /** null when the node has no ring0 address. */
  ring0Addr: string | null;
  line: number;
}

export interface QDevice {
  votes: number | null;
  model: string | null;
  algorithm: string | null;
  host: string | null;
  line: number;
}

export interface Corosync {
  clusterName: string | null;
  nodes: CorosyncNode[];
  expectedVotes: number | null;
  twoNode: boolean;
  qdevice: QDevice | null;
}

interface Block {
  name: string;
  line: number;
  values: Map<string, { value: string; line: number }>;
  blocks: Block[];
}

export function readCorosyncConf(text: string, file: string): Corosync {
  const root = parseBlocks(text, file);
  const totem = child(root, 'totem');
  const quorum = child(root, 'quorum');
  const device = quorum === undefined ? undefined : child(quorum, 'device');
  const net = device === undefined ? undefined : child(device, 'net');
  const nodelist = child(root, 'nodelist');
  return {
    clusterName: totem?.values.get('cluster_name')?.value ?? null,
    nodes: (nodelist?.blocks ?? []).filter((block) => block.name === 'node').map((block) => node(block, file)),
    expectedVotes: quorum === undefined ? null : (count(quorum, 'expected_votes', file, 1) ?? null),
    twoNode: quorum === undefined ? false : count(quorum, 'two_node', file, 0) === 1,
    qdevice:
      device === undefined
        ? null
        : {
            votes: count(device, 'votes', file, 0) ?? null,
            model: device.values.get('model')?.value ?? null,
            algorithm: net?.values.get('algorithm')?.value ?? null,
            host: net?.values.get('host')?.value ?? null,
            line: device.line,
          },
  };
}

function node(block: Block, file: string): CorosyncNode {
  const name = block.values.get('name');
  if (name === undefined) throw new InputError({ file, line: block.line, field: 'nodelist.node.name', value: undefined, expected: 'the node name' });
  const nodeid = count(block, 'nodeid', file, 1);
  if (nodeid === undefined) throw new InputError({ file, line: block.line, field: `nodelist.node(${name.value}).nodeid`, value: undefined, expected: 'a whole number >= 1' });
  return { name: name.value, nodeid, quorumVotes: count(block, 'quorum_votes', file, 0) ?? 1, ring0Addr: block.values.get('ring0_addr')?.value ?? null, line: block.line };
}

function child(block: Block, name: string): Block | undefined {
  return block.blocks.find((candidate) => candidate.name === name);
}

function count(block: Block, key: string, file: string, min: number): number | undefined {
  const entry = block.values.get(key);
  if (entry === undefined) return undefined;
  if (!/^\d+$/.test(entry.value) || Number(entry.value) < min) {
    throw new InputError({ file, line: entry.line, field: `${block.name}.${key}`, value: entry.value, expected: `a whole number >= ${min}` });
  }
  return Number(entry.value);
}

function parseBlocks(text: string, file: string): Block {
  const root: Block = { name: '', line: 0, values: new Map(), blocks: [] };
  const open: Block[] = [root];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '').trim();
    const line = index + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    const current = open[open.length - 1]!;
    const opening = /^([A-Za-z0-9_.-]+)\s*\{$/.exec(raw);
    const entry = /^([A-Za-z0-9_.-]+):\s*(.*)$/.exec(raw);
    if (opening !== null) {
      const block: Block = { name: opening[1]!, line, values: new Map(), blocks: [] };
      current.blocks.push(block);
      open.push(block);
    } else if (raw === '}') {
      if (open.length === 1) throw new InputError({ file, line, field: 'block', value: raw, expected: 'a closing brace only after an opened block' });
      open.pop();
    } else if (entry !== null) {
      current.values.set(entry[1]!, { value: entry[2]!, line });
    } else {
      throw new InputError({ file, line, field: 'line', value: raw, expected: "'name {', '}' or 'key: value'" });
    }
  }
  if (open.length > 1) {
    const unclosed = open[open.length - 1]!;
    throw new InputError({ file, line: unclosed.line, field: unclosed.name, value: `${unclosed.name} {`, expected: 'a block closed by }' });
  }
  return root;
}
