/**
 * Proxmox "section config" text (`rules_config`, `groups`): a header line `type: id`, then
 * indented `key value` lines, sections separated by blank lines, `#` comments. Each value keeps
 * its line number so errors can point at it.
 */

export interface SectionEntry {
  value: string;
  line: number;
}

export interface Section {
  type: string;
  id: string;
  line: number;
  entries: Map<string, SectionEntry>;
}

export type SectionParse = { ok: true; sections: Section[] } | { ok: false; line: number; text: string };

export function parseSectionConfig(text: string): SectionParse {
  const sections: Section[] = [];
  let current: Section | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    const line = index + 1;
    if (raw.trim() === '' ) {
      current = undefined;
      continue;
    }
    if (raw.trim().startsWith('#')) continue;
    const header = /^(\S+):\s*(\S+)\s*$/.exec(raw);
    if (header !== null && !/^\s/.test(raw)) {
      current = { type: header[1]!, id: header[2]!, line, entries: new Map() };
      sections.push(current);
      continue;
    }
    const entry = /^\s+(\S+)(?:\s+(.*?))?\s*$/.exec(raw);
    if (entry === null || current === undefined) return { ok: false, line, text: raw };
    current.entries.set(entry[1]!, { value: entry[2] ?? '', line });
  }
  return { ok: true, sections };
}
