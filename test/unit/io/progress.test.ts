import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../../src/io/cli/progress.js';

/** A stream that says whether it is a terminal, and keeps what was written to it. */
function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream: Object.assign(out, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal (a timer, a pipe, --json)', () => {
    const target = stream(false);
    const bar = progressBar('scenarios', 10, target.stream);
    for (let i = 0; i < 10; i++) bar.tick();
    bar.stop();
    expect(target.text()).toBe('');
  });

  it('on a terminal: the label, the count and the time left', () => {
    const target = stream(true);
    const bar = progressBar('scenarios', 10, target.stream);
    bar.tick(4);
    bar.stop();
    expect(target.text()).toContain('scenarios [');
    expect(target.text()).toMatch(/\d+\/10 \| .* left/);
  });
});
