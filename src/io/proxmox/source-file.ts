/**
 * The file a dump-relative name (`etc-pve/ha/rules.cfg`) stands for, for messages: under the dump
 * folder, or, for a cluster read through the API (`source` is then the API root URL), the call
 * that answered it (read-api.ts), whose lines are those of the answer written back as the file.
 */
import { join } from 'node:path';

const API_CALL_OF: Readonly<Record<string, string>> = {
  'etc-pve/storage.cfg': '/storage',
  'etc-pve/ha/resources.cfg': '/cluster/ha/resources',
  'etc-pve/ha/rules.cfg': '/cluster/ha/rules',
  'etc-pve/ha/groups.cfg': '/cluster/ha/groups',
  'etc-pve/mapping/pci.cfg': '/cluster/mapping/pci',
  'etc-pve/datacenter.cfg': '/cluster/options',
  'etc-pve/corosync.conf': '/cluster/config/nodes',
  'api/cluster-resources.json': '/cluster/resources',
  'api/cluster-status.json': '/cluster/status',
};

export function sourceFile(source: string, relative: string): string {
  if (!/^https:\/\//.test(source)) return join(source, relative);
  return `${source}${API_CALL_OF[relative] ?? `/${relative}`}`;
}
