/**
 * `npm run bench [-- --quick] [-- name ...]`: runs every scenario in bench/scenarios/ (each starts its own
 * fresh sandbox), prints a table of figures with their targets, and writes bench/results/latest.json
 * and latest.md with the machine it ran on. Naming scenarios runs only those and updates their rows in
 * the results files, keeping the others' last results. `--quick` runs the small version of each and
 * writes bench/results/quick.json and quick.md instead, so a quick check never overwrites the full
 * figures; a whole quick run also reports its own wall time against its two-minute budget.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure, BenchScenario } from './scenario';

interface ScenarioResult {
  scenario: string;
  figures: BenchFigure[];
  error?: string;
  seconds: number;
  ranAt?: string;
  quick?: boolean;
}

interface Report {
  ranAt: string;
  quick: boolean;
  machine: ReturnType<typeof machine>;
  results: ScenarioResult[];
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));
const scenarioDir = path.join(__dirname, 'scenarios');
const resultsDir = path.join(__dirname, 'results');
/** A scenario that hangs must not hold up the rest: its row says so and the run goes on. */
const scenarioTimeoutMs = (quick ? 2 : 45) * 60_000;
/** Issue 8: every scenario's small version, one after the other, in under two minutes. */
const quickBudgetSeconds = 120;
const resultsName = quick ? 'quick' : 'latest';

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
    if (result.error) rows.push([result.scenario, '(failed to run)', result.error.replace(/\s+/g, ' ').slice(0, 100), '', 'ERROR']);
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
    /** 1-minute load average when the run started: figures from a busy machine read accordingly. */
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

async function runOne(scenario: BenchScenario, log: (message: string) => void): Promise<BenchFigure[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${scenarioTimeoutMs / 60_000} minutes`)), scenarioTimeoutMs);
  });
  try {
    return await Promise.race([scenario.run({ quick, progress: log }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** With named scenarios, the others keep their rows from the previous results file. */
function previousResults(): ScenarioResult[] {
  const file = path.join(resultsDir, `${resultsName}.json`);
  if (!only.length || !existsSync(file)) return [];
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    // A scenario whose file is gone (renamed, removed) drops out of the table.
    return report.results
      .filter((result) => existsSync(path.join(scenarioDir, `${result.scenario}.ts`)))
      .map((result) => ({ ...result, ranAt: result.ranAt ?? report.ranAt, quick: result.quick ?? report.quick }));
  } catch {
    return [];
  }
}

function markdown(report: Report, rows: string[][], merged: boolean): string {
  const m = report.machine;
  const times = report.results.map((result) => `- ${result.scenario}: ${result.seconds.toFixed(0)} s${result.quick ? ' (quick)' : ''}, ran ${result.ranAt ?? report.ranAt}`);
  return [
    `# Benchmarks${report.quick ? ' (quick)' : ''}`,
    '',
    `Ran ${report.ranAt} on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${m.loadAverage} at the start.`,
    ...(merged ? ['', 'Some rows come from earlier runs on the same machine (their times are listed below).'] : []),
    '',
    `| ${rows[0].join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    'Time per scenario:',
    ...times,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const files = readdirSync(scenarioDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  const selected = only.length ? files.filter((file) => only.some((name) => file.includes(name))) : files;
  const started = Date.now();
  const host = machine();
  console.log(`Running ${selected.length} benchmark scenario(s)${quick ? ' (quick)' : ''} on ${JSON.stringify(host)}`);
  const results: ScenarioResult[] = [];
  for (const [index, file] of selected.entries()) {
    const scenarioStarted = Date.now();
    const log = (message: string) => console.log(`  … [${elapsed(scenarioStarted)}] ${message}`);
    let name = file.replace(/\.ts$/, '');
    console.log(`\n[${index + 1}/${selected.length}] ${name} (total so far ${elapsed(started)})`);
    try {
      const module = (await import(path.join(scenarioDir, file))) as { scenario?: BenchScenario };
      if (!module.scenario) throw new Error(`${file} exports no scenario`);
      name = module.scenario.name;
      const figures = await runOne(module.scenario, log);
      results.push({ scenario: name, figures, seconds: (Date.now() - scenarioStarted) / 1000, ranAt: new Date().toISOString(), quick });
      for (const figure of figures) console.log(`  ${figure.metric}: ${formatValue(figure)}${figure.target ? ` (target ${figure.target}: ${verdict(figure)})` : ''}`);
      console.log(`  done in ${elapsed(scenarioStarted)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  failed after ${elapsed(scenarioStarted)}: ${message}`);
      results.push({ scenario: name, figures: [], error: message, seconds: (Date.now() - scenarioStarted) / 1000, ranAt: new Date().toISOString(), quick });
    }
  }

  if (quick && !only.length) {
    const seconds = (Date.now() - started) / 1000;
    results.push({
      scenario: 'bench-runner',
      figures: [{ metric: `whole --quick run, ${selected.length} scenarios`, value: Math.round(seconds), unit: 's', target: `< ${quickBudgetSeconds} s`, pass: seconds < quickBudgetSeconds }],
      seconds,
      ranAt: new Date().toISOString(),
      quick,
    });
  }
  const ran = new Set(results.map((result) => result.scenario));
  const all = [...previousResults().filter((result) => !ran.has(result.scenario)), ...results].sort((a, b) => a.scenario.localeCompare(b.scenario));
  const rows = table(all);
  console.log(`\nAll scenarios ran in ${elapsed(started)}.\n`);
  printTable(rows);
  mkdirSync(resultsDir, { recursive: true });
  const report: Report = { ranAt: new Date().toISOString(), quick, machine: host, results: all };
  writeFileSync(path.join(resultsDir, `${resultsName}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, `${resultsName}.md`), markdown(report, rows, all.length > results.length));
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, `${resultsName}.json`))} and ${resultsName}.md`);
  process.exit(results.some((result) => result.error) ? 1 : 0);
}

void main();
