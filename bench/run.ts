/**
 * `npm run bench [-- --quick] [-- name ...]`: runs every scenario in bench/scenarios/ (each starts its own
 * fresh sandbox), prints a table of figures with their targets, and writes bench/results/latest.json
 * and latest.md with the machine it ran on.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure, BenchScenario } from './scenario';

interface ScenarioResult {
  scenario: string;
  figures: BenchFigure[];
  error?: string;
  seconds: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));
const scenarioDir = path.join(__dirname, 'scenarios');
const resultsDir = path.join(__dirname, 'results');

function formatValue(figure: BenchFigure): string {
  const value = Math.abs(figure.value) >= 100 || Number.isInteger(figure.value) ? figure.value.toFixed(0) : figure.value.toFixed(2);
  return `${value} ${figure.unit}`.trim();
}

function verdict(figure: BenchFigure): string {
  if (figure.pass === undefined) return '';
  return figure.pass ? 'pass' : 'MISS';
}

function table(results: ScenarioResult[]): string[][] {
  const rows: string[][] = [['scenario', 'metric', 'value', 'target', 'result']];
  for (const result of results) {
    if (result.error) rows.push([result.scenario, '(failed to run)', result.error.slice(0, 80), '', 'ERROR']);
    for (const figure of result.figures) rows.push([result.scenario, figure.metric, formatValue(figure), figure.target ?? '', verdict(figure)]);
  }
  return rows;
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function machine() {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

async function main(): Promise<void> {
  const files = readdirSync(scenarioDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  const selected = only.length ? files.filter((file) => only.some((name) => file.includes(name))) : files;
  console.log(`Running ${selected.length} benchmark scenario(s)${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`);
  const results: ScenarioResult[] = [];
  for (const [index, file] of selected.entries()) {
    const started = Date.now();
    const module = (await import(path.join(scenarioDir, file))) as { scenario?: BenchScenario };
    const name = module.scenario?.name ?? file;
    console.log(`\n[${index + 1}/${selected.length}] ${name}`);
    try {
      if (!module.scenario) throw new Error(`${file} exports no scenario`);
      const figures = await module.scenario.run({ quick, progress: (message) => console.log(`  … ${message}`) });
      results.push({ scenario: name, figures, seconds: (Date.now() - started) / 1000 });
      for (const figure of figures) console.log(`  ${figure.metric}: ${formatValue(figure)}${figure.target ? ` (target ${figure.target}: ${verdict(figure)})` : ''}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  failed: ${message}`);
      results.push({ scenario: name, figures: [], error: message, seconds: (Date.now() - started) / 1000 });
    }
  }

  const rows = table(results);
  console.log('');
  printTable(rows);
  mkdirSync(resultsDir, { recursive: true });
  const report = { ranAt: new Date().toISOString(), quick, machine: machine(), results };
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `# Benchmarks${quick ? ' (quick)' : ''}`,
    '',
    `Ran ${report.ranAt} on ${report.machine.cores} cores (${report.machine.cpuModel}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.platform}.`,
    '',
    `| ${rows[0].join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
  writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))} and latest.md`);
  process.exit(0);
}

void main();
