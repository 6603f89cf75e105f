'use client';

/**
 * The Chart.js charts of the visits panel. This module is loaded with next/dynamic, so Chart.js is not
 * part of the StatefulSet page's first load. Animation is off: numbers replace numbers, nothing slides.
 * Data and options are memoised on their content: react-chartjs-2 updates the chart whenever either
 * object is new, and with hundreds of pods an update costs over 100 ms of main thread, so a sample
 * whose numbers did not change must not cost one.
 */
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip, type ChartData, type ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Chart, Line } from 'react-chartjs-2';
import type { VisitsPoint } from '@/hooks/statefulSetDetailState';

ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#1d4ed8', '#b45309', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];

export interface BarsProps {
  pods: string[];
  counts: number[];
  /** The even split: total / pods, drawn as a line across the bars. */
  even: number;
  label: string;
  dark: boolean;
}

/** Above this many bars the x axis shows a sample of the pod names, measured from a few labels, unrotated. */
const MANY_BARS = 30;

function barOptions(dark: boolean, many: boolean): ChartOptions<'bar' | 'line'> {
  const text = dark ? '#e2e8f0' : '#0f172a';
  const grid = dark ? '#334155' : '#e2e8f0';
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { color: text } } },
    scales: {
      x: { ticks: many ? { color: text, autoSkip: true, maxRotation: 0, sampleSize: 8 } : { color: text }, grid: { color: grid } },
      y: { beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
    },
  };
}

export function VisitsBarChart({ pods, counts, even, label, dark }: BarsProps) {
  const content = `${label}\u0000${even}\u0000${pods.join(',')}\u0000${counts.join(',')}`;
  const data = useMemo<ChartData<'bar' | 'line', number[], string>>(
    () => ({
      labels: pods,
      datasets: [
        { type: 'bar', label, data: counts, backgroundColor: '#2563eb', borderColor: '#1e3a8a', borderWidth: 1 },
        { type: 'line', label: 'even split', data: pods.map(() => even), borderColor: '#dc2626', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
      ],
    }),
    [content], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const many = pods.length > MANY_BARS;
  const options = useMemo(() => barOptions(dark, many), [dark, many]);
  return <Chart type="bar" data={data} options={options} aria-hidden="true" />;
}

/** Up to this many pods get a line each; above it the chart shows the fastest, median and slowest pod. */
const MAX_LINES = 10;

/** A point's rates sorted, kept per point: each sample then sorts one new point, not the whole history. */
const sortedByPoint = new WeakMap<VisitsPoint, { pods: string[]; rates: number[] }>();

function sortedRates(point: VisitsPoint, pods: string[]): number[] {
  const cached = sortedByPoint.get(point);
  if (cached && cached.pods === pods) return cached.rates;
  const rates = pods.map((pod) => point.rates[pod]).filter((rate): rate is number => typeof rate === 'number').sort((a, b) => a - b);
  sortedByPoint.set(point, { pods, rates });
  return rates;
}

function rateSeries(history: VisitsPoint[], pods: string[]): { label: string; data: (number | null)[] }[] {
  if (pods.length <= MAX_LINES) return pods.map((pod) => ({ label: pod, data: history.map((point) => point.rates[pod] ?? null) }));
  const pick = (point: VisitsPoint, which: 'max' | 'median' | 'min') => {
    const rates = sortedRates(point, pods);
    if (rates.length === 0) return null;
    return which === 'max' ? rates[rates.length - 1] : which === 'min' ? rates[0] : rates[Math.floor(rates.length / 2)];
  };
  return (['max', 'median', 'min'] as const).map((which) => ({ label: `${which === 'max' ? 'fastest' : which === 'min' ? 'slowest' : 'median'} of ${pods.length} pods`, data: history.map((point) => pick(point, which)) }));
}

function rateOptions(dark: boolean): ChartOptions<'line'> {
  const text = dark ? '#e2e8f0' : '#0f172a';
  const grid = dark ? '#334155' : '#e2e8f0';
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { color: text } } },
    scales: {
      x: { ticks: { color: text, maxTicksLimit: 8 }, grid: { color: grid } },
      y: { beginAtZero: true, title: { display: true, text: 'visits per second', color: text }, ticks: { color: text }, grid: { color: grid } },
    },
  };
}

export function VisitsRateChart({ history, pods, dark }: { history: VisitsPoint[]; pods: string[]; dark: boolean }) {
  // The same pod list keeps one array, so the per-point cache of sorted rates holds across samples.
  const podsKey = pods.join(',');
  const stablePods = useMemo(() => pods, [podsKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = useMemo<ChartData<'line', (number | null)[], string>>(() => {
    const last = history.at(-1)?.at ?? 0;
    return {
      labels: history.map((point) => `${Math.round((point.at - last) / 1000)}s`),
      datasets: rateSeries(history, stablePods).map((series, index) => ({
        label: series.label,
        data: series.data,
        borderColor: palette[index % palette.length],
        backgroundColor: palette[index % palette.length],
        // A dash pattern per pod as well as a colour.
        borderDash: index % 3 === 0 ? [] : index % 3 === 1 ? [6, 3] : [2, 2],
        pointRadius: 0,
        borderWidth: 2,
        spanGaps: true,
      })),
    };
  }, [history, stablePods]);
  const options = useMemo(() => rateOptions(dark), [dark]);
  return <Line data={data} options={options} aria-hidden="true" />;
}
