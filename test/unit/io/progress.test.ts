import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar, withProgress } from '../../../src/io/cli/progress.js';

/** The least a terminal needs: isTTY and a write that collects. */
function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const fake = { isTTY, columns: 100, write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) };
  return { stream: fake as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal (a timer, a pipe, --json)', () => {
    const target = fakeTerminal(false);
    const bar = progressBar('scenarios', 10, target.stream);
    for (let i = 0; i < 10; i++) bar.tick();
    bar.report(5, 20);
    bar.stop();
    expect(target.text()).toBe('');
  });

  it('on a terminal: the label, the count and the time left', () => {
    const target = fakeTerminal(true);
    const bar = progressBar('scenarios', 10, target.stream);
    bar.tick(4);
    for (let i = 0; i < 6; i++) bar.tick();
    bar.stop();
    expect(target.text()).toContain('scenarios [');
    expect(target.text()).toMatch(/\d+\/10 \| .* left/);
    expect(target.text()).toContain('10/10');
  });

  it('report: appears once the bound is above one unit, and follows the bound as it tightens', () => {
    const terminal = fakeTerminal(true);
    const bar = progressBar('search nodes', 0, terminal.stream);
    bar.report(0, 1);
    expect(terminal.text()).toBe('');
    bar.report(4096, 3_000_000);
    expect(terminal.text()).toContain('4096/3000000');
    bar.report(50_000, 50_000);
    bar.stop();
    expect(terminal.text()).toContain('50000/50000');
  });

  it('work that never reports a total above one unit draws nothing, not even on a terminal', () => {
    const terminal = fakeTerminal(true);
    const bar = progressBar('nodes', 0, terminal.stream);
    bar.report(1, 1);
    bar.stop();
    expect(terminal.text()).toBe('');
  });
});

describe('withProgress', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the work its value back, and stops the bar (the cursor shown again) when the work throws', () => {
    let text = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((text += String(chunk)), true));
    const isTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      expect(withProgress('units', 3, (progress) => (progress.tick(), 'done'))).toBe('done');
      expect(() =>
        withProgress('units', 3, (progress) => {
          progress.tick();
          throw new Error('boom');
        }),
      ).toThrow('boom');
    } finally {
      if (isTTY === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
      else Object.defineProperty(process.stderr, 'isTTY', isTTY);
    }
    expect(text).toContain('units [');
    expect(text.lastIndexOf('\x1B[?25h')).toBeGreaterThan(text.lastIndexOf('\x1B[?25l'));
  });
});
