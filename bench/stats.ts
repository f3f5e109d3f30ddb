/** Summaries for benchmark samples: median with the spread (min, p25, p75, max). */
export interface Summary {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

export function formatMs(summary: Summary): string {
  const f = (value: number) => value.toFixed(value >= 100 ? 0 : value >= 1 ? 1 : 2);
  return `${f(summary.median)} ms (IQR ${f(summary.p25)}–${f(summary.p75)}, range ${f(summary.min)}–${f(summary.max)}, n=${summary.n})`;
}

export async function sample(runs: number, measure: () => Promise<number>): Promise<Summary> {
  const values: number[] = [];
  for (let run = 0; run < runs; run += 1) values.push(await measure());
  return summarise(values);
}
