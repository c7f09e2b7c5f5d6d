/** Small helpers to aggregate repeated measurements and print Markdown tables. */
import _ from 'lodash';

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function min(values: number[]): number {
    return values.length ? Math.min(...values) : NaN;
}

/** A Markdown table. */
export function table(headers: string[], rows: (string | number)[][]): string {
    const cells = [headers, ...rows.map((row) => row.map(String))];
    const widths = headers.map((_header, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
    const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
    return [line(cells[0]!), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

export function ratio(a: number, b: number): string {
    return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '–';
}

export function ms(value: number): string {
    return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : '–';
}

export function thousands(value: number): string {
    return value.toLocaleString('en-US');
}

/** "GET /entries 50, GET /assets 5, …" */
export function routes(byRoute: Record<string, number>): string {
    return _.map(byRoute, (count, route) => `${route} ${count}`).join(', ');
}

/** A pass/fail line for a target. */
export function verdict(ok: boolean, text: string): string {
    return `${ok ? 'HOLDS ' : 'MISSED'} ${text}`;
}
