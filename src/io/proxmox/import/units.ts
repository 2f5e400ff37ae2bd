/**
 * Sizes in whole MiB while importing, GiB only at the end, so sums stay exact: a demand rounds
 * up to the next MiB (a guest never shrinks), a capacity down (a node never grows). MiB / 1024 is
 * an exact binary fraction, written with at most ten decimals.
 */
const BYTES_PER_MIB = 1024 * 1024;

export const demandMiB = (bytes: number): number => Math.ceil(bytes / BYTES_PER_MIB);
export const capacityMiB = (bytes: number): number => Math.floor(bytes / BYTES_PER_MIB);
export const gib = (mib: number): number => mib / 1024;
