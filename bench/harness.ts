import { performance } from 'node:perf_hooks';

/** Runs `work` `runs` times after one warm-up and reports the median and best wall time. */
export async function measure(name: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const best = times[0] ?? Number.NaN;
  console.log(`| ${name} | ${median.toFixed(1)} ms | ${best.toFixed(1)} ms | ${runs} |`);
}

export function header(title: string): void {
  console.log(`\n### ${title}\n\n| benchmark | median | best | runs |\n| --- | --- | --- | --- |`);
}
