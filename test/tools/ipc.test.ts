import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A load worker's last report reaches its parent whatever its size (the 800-table step of
// bench:load once lost it: the worker closed its channel before the message was written).

function reportOf(length: number): Promise<number | string> {
  const child = fork(new URL('./fixtures/ipc-child.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => {
    child.once('message', (m: { numbers: number[] }) => resolve(m.numbers.length));
    child.once('exit', (code) => resolve(`exited (${code}) without its report`));
    child.send(length);
  });
}

describe('a load worker’s report to its parent', () => {
  it('arrives whole before the worker leaves, from a few numbers to a million', async () => {
    expect(await reportOf(10)).toBe(10);
    expect(await reportOf(1_000_000)).toBe(1_000_000);
  }, 30_000);
});
