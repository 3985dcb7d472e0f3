// The machine a run happened on, and the markdown table docs/development.md "Benchmark" carries.
import {cpus, totalmem} from 'node:os';

export function machine(): string {
    const cpu = cpus();
    const model = (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
    const gb = (totalmem() / 2 ** 30).toFixed(1);
    return `${model}, ${cpu.length} cores, ${gb} GB RAM, Node.js ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}`;
}

export interface Row {
    measure: string;
    result: string;
    target?: string;
    pass?: boolean;
}

const mark = (r: Row) => (r.pass === undefined ? '' : r.pass ? 'pass' : '**FAIL**');

export function table(rows: Row[]): string {
    const lines = ['| measure | result | target | |', '|---|---|---|---|'];
    for (const r of rows) {
        lines.push(`| ${r.measure} | ${r.result} | ${r.target ?? ''} | ${mark(r)} |`);
    }
    return lines.join('\n');
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
