/**
 * Proxmox SectionConfig text, as pve-common `SectionConfig.pm` reads it: `storage.cfg`,
 * `ha/resources.cfg`, `ha/groups.cfg`, `ha/rules.cfg` (and the HA regression tests' `rules_config`
 * and `groups`), and (with bare ids) `mapping/pci.cfg`.
 *
 * - A header line at column 0, `<type>: <id>`, starts a section; `mapping/pci.cfg` (pve-guest-common
 *   `Mapping/PCI.pm`) writes the bare `<id>` instead, so the reader is told which form to expect.
 * - Property lines are indented with tabs or spaces (real files use both): `<key> [<value>]`. A key
 *   without a value is a boolean flag meaning 1 (`sparse`, `disable`), so the value is '1'.
 * - A blank line ends the section; a property line after it, before the next header, is an error.
 * - `#` lines are skipped.
 * - Keys may repeat (`map` in pci.cfg), so properties stay a list in file order; `single` refuses a
 *   repeated key where the format allows one.
 */
import { InputError } from '../../errors.js';

export interface SectionProperty {
  key: string;
  value: string;
  line: number;
}

export interface Section {
  /** The section type; for bare-id files (pci.cfg) the empty string. */
  type: string;
  id: string;
  line: number;
  properties: SectionProperty[];
}

export type HeaderForm = 'typed' | 'bare-id';

const TYPED_HEADER = /^(\S+):\s*(\S+)\s*$/;
const BARE_HEADER = /^(\S+)\s*$/;
const PROPERTY = /^\s+(\S+)(?:\s+(.*?))?\s*$/;

export function parseSectionConfig(text: string, file: string, form: HeaderForm = 'typed'): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    const line = index + 1;
    if (raw.trim() === '') {
      current = undefined;
      continue;
    }
    if (raw.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      const header = form === 'typed' ? TYPED_HEADER.exec(raw) : BARE_HEADER.exec(raw);
      if (header === null) {
        const shape = form === 'typed' ? "a section header '<type>: <id>' at column 0" : "a section header '<id>' at column 0";
        throw new InputError({ file, line, field: 'header', value: raw, expected: shape });
      }
      current = form === 'typed' ? { type: header[1]!, id: header[2]!, line, properties: [] } : { type: '', id: header[1]!, line, properties: [] };
      sections.push(current);
      continue;
    }
    const property = PROPERTY.exec(raw)!;
    if (current === undefined) {
      throw new InputError({ file, line, field: property[1]!, value: raw.trim(), expected: 'a property inside a section (a blank line ended the previous one)' });
    }
    current.properties.push({ key: property[1]!, value: property[2] ?? '1', line });
  }
  return sections;
}

/** The one property `key` of a section, or undefined; a repeated key is an error. */
export function single(section: Section, key: string, file: string): SectionProperty | undefined {
  const found = section.properties.filter((property) => property.key === key);
  if (found.length > 1) {
    throw new InputError({ file, line: found[1]!.line, field: `${section.id}.${key}`, value: found[1]!.value, expected: `'${key}' once per section (first at line ${found[0]!.line})` });
  }
  return found[0];
}

/** A list value (`nodes`, `content`): Proxmox splits on commas, semicolons and whitespace. */
export function splitList(value: string): string[] {
  return value.split(/[,;\s]+/).filter((item) => item !== '');
}

/** A 0/1 flag as SectionConfig booleans are written; anything else is an error at its line. */
export function flag(property: SectionProperty | undefined, sectionId: string, file: string): boolean | undefined {
  if (property === undefined) return undefined;
  if (property.value === '1') return true;
  if (property.value === '0') return false;
  throw new InputError({ file, line: property.line, field: `${sectionId}.${property.key}`, value: property.value, expected: '0 or 1' });
}
