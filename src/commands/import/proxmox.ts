import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../../io/cli/base-command.js';
import { INSECURE_WARNING, readApiCluster } from '../../io/proxmox/api/connect.js';
import { withDumpFolder } from '../../io/proxmox/dump/open-dump.js';
import { readDump } from '../../io/proxmox/dump/read-dump.js';
import { importProxmox, type ProxmoxImport } from '../../io/proxmox/import/map-dump.js';
import { parseServedBy } from '../../io/proxmox/import/served-by.js';
import { checkNewFolder, writeImportedScenario } from '../../io/proxmox/import/write-scenario.js';
import { renderImport } from '../../io/output/formatters/import.js';

export interface ImportProxmoxResult extends ProxmoxImport {
  /** The written scenario YAML, under --out as given. */
  scenario: string;
}

export default class ImportProxmox extends HeadroomCommand {
  static summary = 'Import a Proxmox VE cluster (a dump folder or .tar.gz, or the API) as a scenario every command runs on.';
  static description =
    'Reads a dump made by scripts/proxmox-dump.sh (a copy of /etc/pve without secrets plus three pvesh calls), maps nodes, ' +
    'guests, storage, HA resources, rules and groups to a scenario (YAML plus CSVs) written atomically to --out, and prints what it ' +
    'mapped and every assumption it made. With --api it reads the same through the REST API with a read-only token (PVEAuditor).';

  static examples = [
    '<%= config.bin %> import proxmox --from pve-dump.tar.gz --out scenarios/prod',
    '<%= config.bin %> import proxmox --from pve-dump --out scenarios/prod --served-by nas=pve2 --include-stopped --json',
    '<%= config.bin %> import proxmox --api https://pve1:8006 --token-id headroom@pve!import --token-secret-file pve-token --ca-file pve-root-ca.pem --out scenarios/prod',
  ];

  static flags = {
    from: Flags.string({ description: 'The dump: a folder or a .tar.gz (scripts/proxmox-dump.sh).', exactlyOne: ['from', 'api'] }),
    api: Flags.string({ description: 'Read the cluster through the API of this node instead: https://HOST:8006.', exactlyOne: ['from', 'api'] }),
    'token-id': Flags.string({ description: 'The API token, USER@REALM!TOKENID (with --api).', dependsOn: ['api'] }),
    'token-secret-file': Flags.string({ description: 'File holding the token secret; default: the environment variable HEADROOM_PVE_TOKEN_SECRET.', dependsOn: ['api'] }),
    'ca-file': Flags.string({ description: 'PEM of the CA to trust for the API (a copy of /etc/pve/pve-root-ca.pem); default: the system CAs.', dependsOn: ['api'] }),
    insecure: Flags.boolean({ description: 'Do not verify the API\'s TLS certificate (warned on every run).', dependsOn: ['api'] }),
    out: Flags.string({ description: 'Folder to write the scenario into; must be new or empty.', required: true }),
    'served-by': Flags.string({ description: 'POOL=NODE: the node that serves a shared pool (repeatable); overrides the address match.', multiple: true }),
    'include-stopped': Flags.boolean({ description: 'Count stopped guests too, on the node they are registered on.', default: false }),
    memory: Flags.string({ description: 'Which guest memory counts: the configured maximum, or the balloon floor.', options: ['max', 'balloon'], default: 'max' }),
  };

  async run(): Promise<ImportProxmoxResult> {
    const { flags } = await this.parse(ImportProxmox);
    checkNewFolder(flags.out);
    const options = { memory: flags.memory as 'max' | 'balloon', includeStopped: flags['include-stopped'], servedBy: parseServedBy(flags['served-by'] ?? []) };
    const insecure = flags.insecure === true;
    if (insecure) this.warn(INSECURE_WARNING);
    const apiFlags = { tokenId: flags['token-id'], tokenSecretFile: flags['token-secret-file'], caFile: flags['ca-file'], insecure };
    const imported =
      flags.api === undefined
        ? withDumpFolder(flags.from!, (folder) => importProxmox(readDump(folder), options))
        : importProxmox(await readApiCluster({ api: flags.api, ...apiFlags }, process.env), options);
    const result: ImportProxmoxResult = { scenario: writeImportedScenario(flags.out, imported), ...imported };
    if (!this.printJson(flags.json, result)) this.log(renderImport(result.scenario, imported));
    return result;
  }
}
