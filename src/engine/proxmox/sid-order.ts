/**
 * Byte-wise string order, the order of Perl's `cmp` and `sort keys`, which the HA manager uses
 * for service ids and node names (Manager.pm `sort keys %$ss`). So `ct:*` < `fa:*` < `vm:*`,
 * `vm:1000` < `vm:101` and `node10` < `node2`. Never `localeCompare`: it would reorder digits
 * and case differently per locale. (UTF-16 code-unit order equals byte order for the ASCII ids
 * Proxmox allows.)
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Keys of a map or record in byte order. */
export function sortedKeys(source: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>): string[] {
  const keys = source instanceof Map ? [...source.keys()] : Object.keys(source);
  return keys.sort(compareBytes);
}
