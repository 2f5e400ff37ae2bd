/**
 * headroom's --help: oclif's, with the exit codes (base-command.ts) as the last section of the
 * root help and of every command's, since scripts and CI gates branch on them.
 */
import { Help, type Command } from '@oclif/core';
import { EXIT_CODE_MEANINGS } from './base-command.js';

export default class HeadroomHelp extends Help {
  formatRoot(): string {
    return `${super.formatRoot()}\n\n${this.exitCodes()}`;
  }

  protected formatCommand(command: Command.Loadable): string {
    return `${super.formatCommand(command)}\n\n${this.exitCodes()}`;
  }

  private exitCodes(): string {
    return this.section('EXIT CODES', EXIT_CODE_MEANINGS.map(([code, meaning]): [string, string] => [String(code), meaning]));
  }
}
