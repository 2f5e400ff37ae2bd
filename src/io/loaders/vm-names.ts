/**
 * The names of the VMs a change adds. A VM added without a name is `<class>-new-N`, N counting
 * up from 1 per class and skipping every name already taken (by the scenario, by the change
 * file, by an earlier entry); a VM added under its own name must take a name no VM has.
 *
 * Linear in the VMs added: each class remembers the next N to try, so 30,000 VMs of one class
 * ask the set about 30,000 times, where restarting from N = 1 for each VM asked 30,000² / 2.
 */
/**
 * The most VMs one `--add` or one `add.vms` entry may add: the size bench:place measures
 * (100,000 VMs), and far below what would exhaust memory before any placement starts.
 */
export const MAX_ADDED_VMS = 100_000;

export class VmNames {
  private readonly taken: Set<string>;
  private readonly nextSerial = new Map<string, number>();

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  /** Takes `name` for a new VM; false when a VM has it already. */
  claim(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  /** The next free `<class>-new-N`, taken. */
  fresh(className: string): string {
    let serial = this.nextSerial.get(className) ?? 1;
    while (this.taken.has(`${className}-new-${serial}`)) serial++;
    this.nextSerial.set(className, serial + 1);
    const name = `${className}-new-${serial}`;
    this.taken.add(name);
    return name;
  }
}
