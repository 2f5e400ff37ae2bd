/**
 * The report's colours, each with one meaning in every chart (HTML and PNG alike). They are
 * spaced in lightness (the L of each, in CIELAB, is in the comment) so that a grey printout
 * still tells them apart; lines also differ by dash, never by colour alone.
 */
import type { DownReason } from '../../../engine/failure/outcome.js';

export const COLOURS = {
  /** What VMs use or are promised. L 32 */
  vms: '#1f4e79',
  /** Use beyond capacity. L 12 */
  over: '#3b0a0a',
  /** Room left. L 93 */
  free: '#e8e8e8',
  /** What the host keeps for itself. L 60 */
  reserved: '#9a8c6e',
  /** The alert threshold (dashed). L 45 */
  threshold: '#c0392b',
  /** Capacity, 100% (dotted). L 20 */
  capacity: '#333333',
  /** HA VMs restarted elsewhere. L 70 */
  restarted: '#7fb77e',
  /** Measured history. L 20 */
  history: '#1a1a1a',
  /** The forecast's likely path (dashed). L 32 */
  forecast: '#1f4e79',
  band80: 'rgba(31, 78, 121, 0.35)',
  band95: 'rgba(31, 78, 121, 0.15)',
  /** Where a chart splits the VMs' load by resource: memory beside CPU (which is `vms`). L 68 */
  memory: '#6baed6',
  /** After a change (the repair's added nodes). L 65 */
  afterChange: '#d08c2c',
} as const;

/** One colour per reason a VM stays down; capacity reasons dark, structural ones from mid to light. */
export const DOWN_COLOURS: Readonly<Record<DownReason, string>> = {
  'no-capacity': '#5b1a1a',
  'anti-affinity': '#8e3b46',
  'storage-lost': '#b8860b',
  'local-disk': '#6d6d6d',
  'no-gpu': '#5e3c99',
  'node-affinity': '#2c7fb8',
  fenced: '#a6611a',
  'no-quorum': '#000000',
  'not-ha': '#bdbdbd',
  unplaced: '#f4a582',
};

export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
