/** Parses `--class NAME` and `--mix web:2,db:1` into units of the cluster's classes. */
import type { Cluster } from '../../engine/model/cluster.js';
import type { Unit } from '../../engine/policy/grow.js';
import { InputError } from '../../errors.js';
import { firstRepeat } from '../loaders/cells.js';

export function unitsFromFlags(cluster: Cluster, flags: { class?: string; mix?: string }): Unit[][] {
  const classNamed = (name: string, flag: string) => {
    const vmClass = cluster.classes.find((c) => c.name === name);
    if (vmClass === undefined) throw new InputError({ file: 'command line', field: flag, value: name, expected: `a class from the classes file (${cluster.classes.map((c) => c.name).join(', ')})` });
    return vmClass;
  };
  if (flags.class !== undefined && flags.mix !== undefined) throw new InputError({ file: 'command line', field: '--mix', value: flags.mix, expected: 'either --class or --mix, not both' });
  if (flags.class !== undefined) return [[{ vmClass: classNamed(flags.class, '--class'), count: 1 }]];
  if (flags.mix !== undefined) {
    const repeated = firstRepeat(flags.mix.split(',').map((part) => part.split(':')[0]!.trim()));
    if (repeated !== undefined) throw new InputError({ file: 'command line', field: '--mix', value: flags.mix, expected: `class:count pairs naming each class once (${repeated} is given twice; add up its counts)` });
    return [
      flags.mix.split(',').map((part) => {
        const [name, countText = '1'] = part.split(':');
        const count = Number(countText);
        if (!Number.isInteger(count) || count < 1) throw new InputError({ file: 'command line', field: '--mix', value: part, expected: 'class:count with a whole count >= 1, e.g. web:2' });
        return { vmClass: classNamed(name!.trim(), '--mix'), count };
      }),
    ];
  }
  return cluster.classes.map((vmClass) => [{ vmClass, count: 1 }]);
}
