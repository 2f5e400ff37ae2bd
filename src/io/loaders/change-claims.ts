/**
 * The lists of a change file in which a name may stand only once (a VM removed twice, a node
 * added twice or resized by two entries), and which entry named each name first, so that the
 * second one is reported with the first one's field.
 */
export type Scope = 'remove-vm' | 'remove-class' | 'remove-node' | 'resize-node' | 'update-vm' | 'rule' | 'add-class' | 'add-node';

/** What an entry that repeats a name of its scope must be instead, in the words of the message. */
export const ONCE_IN: Record<Scope, string> = {
  'remove-vm': 'a VM that no other entry of remove.vms or remove.classes removes',
  'remove-class': 'a class that no other entry of remove.classes names',
  'remove-node': 'a node that no other entry of remove.nodes names',
  'resize-node': 'a node that no other entry of resize.nodes resizes',
  'update-vm': 'a VM that no other entry of update.vms updates',
  rule: 'a rule that no other entry of ha.remove, ha.disable or ha.enable names',
  'add-class': 'a name that no other entry of add.classes has',
  'add-node': 'a name that no other entry of add.nodes has',
};

export class EntryClaims {
  /** `scope name` → the field of the entry that named it first. */
  private readonly first = new Map<string, string>();

  /** Records that `field` names `name` in `scope`; returns the field that named it before, if any. */
  claim(scope: Scope, name: string, field: string): string | undefined {
    const earlier = this.earlier(scope, name);
    if (earlier === undefined) this.first.set(`${scope} ${name}`, field);
    return earlier;
  }

  /** The field that named `name` in `scope`, if any did. */
  earlier(scope: Scope, name: string): string | undefined {
    return this.first.get(`${scope} ${name}`);
  }
}
