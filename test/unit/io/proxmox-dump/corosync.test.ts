import { describe, expect, it } from 'vitest';
import { readCorosyncConf } from '../../../../src/io/proxmox/dump/corosync.js';
import { issueOf } from '../../../support/input-issue.js';

// The doc's corosync.conf (section 10), with pve-b holding 2 votes and pve-c no quorum_votes line.
const COROSYNC = `totem {
  cluster_name: prod
  config_version: 7
  interface {
    linknumber: 0
  }
}

nodelist {
  node {
    name: pve-a
    nodeid: 1
    quorum_votes: 1
    ring0_addr: 10.0.0.11
  }
  node {
    name: pve-b
    nodeid: 2
    quorum_votes: 2
    ring0_addr: 10.0.0.12
  }
  node {
    name: pve-c
    nodeid: 3
    ring0_addr: 10.0.0.13
  }
}

quorum {
  provider: corosync_votequorum
  device {
    model: net
    votes: 1
    net {
      algorithm: ffsplit
      host: 10.0.0.50
      tls: on
    }
  }
}

logging {
  to_syslog: yes
}
`;

describe('corosync.conf', () => {
  it('reads the nodelist with votes (default 1) and addresses, and the QDevice', () => {
    expect(readCorosyncConf(COROSYNC, 'corosync.conf')).toEqual({
      clusterName: 'prod',
      nodes: [
        { name: 'pve-a', nodeid: 1, quorumVotes: 1, ring0Addr: '10.0.0.11', line: 10 },
        { name: 'pve-b', nodeid: 2, quorumVotes: 2, ring0Addr: '10.0.0.12', line: 16 },
        { name: 'pve-c', nodeid: 3, quorumVotes: 1, ring0Addr: '10.0.0.13', line: 22 },
      ],
      expectedVotes: null,
      twoNode: false,
      qdevice: { votes: 1, model: 'net', algorithm: 'ffsplit', host: '10.0.0.50', line: 31 },
    });
  });

  it('keeps a QDevice without votes (lms) as null, and reads two_node and expected_votes', () => {
    const text = 'quorum {\n  provider: corosync_votequorum\n  two_node: 1\n  expected_votes: 2\n  device {\n    model: net\n    net {\n      algorithm: lms\n    }\n  }\n}\n';
    expect(readCorosyncConf(text, 'corosync.conf')).toMatchObject({ twoNode: true, expectedVotes: 2, qdevice: { votes: null, algorithm: 'lms', host: null }, nodes: [] });
  });

  it('reads a cluster without a quorum device', () => {
    expect(readCorosyncConf('quorum {\n  provider: corosync_votequorum\n}\n', 'c').qdevice).toBeNull();
  });

  it('refuses an unclosed block at its opening line', () => {
    expect(issueOf(() => readCorosyncConf('nodelist {\n  node {\n    name: a\n  }\n', 'corosync.conf'))).toEqual({
      file: 'corosync.conf', line: 1, field: 'nodelist', value: 'nodelist {', expected: 'a block closed by }',
    });
  });

  it('refuses a stray brace, a line of another shape, a node without nodeid and bad votes', () => {
    expect(issueOf(() => readCorosyncConf('}\n', 'c'))).toMatchObject({ line: 1, field: 'block' });
    expect(issueOf(() => readCorosyncConf('totem {\n  cluster_name prod\n}\n', 'c'))).toMatchObject({ line: 2, field: 'line', value: 'cluster_name prod' });
    expect(issueOf(() => readCorosyncConf('nodelist {\n  node {\n    name: a\n  }\n}\n', 'c'))).toMatchObject({ line: 2, field: 'nodelist.node(a).nodeid' });
    expect(issueOf(() => readCorosyncConf('nodelist {\n  node {\n    name: a\n    nodeid: 1\n    quorum_votes: x\n  }\n}\n', 'c'))).toEqual({
      file: 'c', line: 5, field: 'node.quorum_votes', value: 'x', expected: 'a whole number >= 0',
    });
  });
});
