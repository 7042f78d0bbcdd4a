import { readdirSync, readFileSync } from 'node:fs';

/** This process's threads and their nice values, from `/proc` (Linux only): thread id → nice. */
export function threadNiceValues(): ReadonlyMap<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended while we listed them
    }
    // Fields after the command's closing parenthesis start at the third (state); nice is the 19th.
    values.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}

/** Nice values of the threads that started since `before` was taken. */
export function newThreadNiceValues(before: ReadonlyMap<number, number>): number[] {
  return [...threadNiceValues()].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
}
