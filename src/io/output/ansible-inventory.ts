/**
 * A maintenance plan as an Ansible inventory (YAML, written by the `yaml` package): one group per
 * wave, `headroom_wave_1`, `headroom_wave_2`, ..., children of `headroom_maintenance`; each group's
 * `headroom_moves` are its migrations in the order they must run (parking moves and shutdowns
 * included), each host carries its wave number. A play walks the waves in order with
 *   hosts: headroom_wave_1:headroom_wave_2:...   (the pattern in `headroom_hosts`)
 *   serial: [1, 2, ...]                          (the wave sizes, in `headroom_serial`)
 *   order: inventory
 * so each batch is one wave. The pattern and the sizes are also printed in the header comment.
 */
import { Document } from 'yaml';
import type { MaintenancePlan } from '../../engine/operations/maintenance.js';

export function ansibleInventory(plan: MaintenancePlan): string {
  const groups = plan.waves.map((wave) => `headroom_wave_${wave.wave}`);
  const serial = plan.waves.map((wave) => wave.nodes.length);
  const children = Object.fromEntries(
    plan.waves.map((wave, i) => [
      groups[i]!,
      {
        vars: { headroom_keeps_guarantee: wave.keepsGuarantee, headroom_moves: wave.moves.map((m) => ({ vm: m.vm, from: m.from, to: m.to, kind: m.kind, parking: m.parking })) },
        hosts: Object.fromEntries(wave.nodes.map((node) => [node, { headroom_wave: wave.wave }])),
      },
    ]),
  );
  const document = new Document({
    all: {
      children: {
        headroom_maintenance: {
          vars: { headroom_hosts: groups.join(':'), headroom_serial: serial, headroom_keep: plan.keep, headroom_plan_holds: plan.holds },
          children,
        },
      },
    },
  });
  document.commentBefore = [
    ` headroom maintenance plan for ${plan.scenario}: keep ${plan.keep}, ${plan.holds ? 'every wave keeps it' : 'some waves BREAK it (headroom_keeps_guarantee: false)'}.`,
    ` In the play: hosts: ${groups.join(':')}`,
    `              serial: [${serial.join(', ')}]`,
    '              order: inventory',
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
