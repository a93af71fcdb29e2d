import * as echarts from "echarts";
import type { BreakdownRow } from "~/models/statistics/figures.server";

/**
 * Charts of the statistics, rendered on the server to SVG by ECharts (no script in the page, and they
 * print). Colours follow the app's palette; text uses the page's font.
 */
const PALETTE = ["#2f6f4f", "#c98a1b", "#3b6ea5", "#a33b3b", "#6b5b95", "#4a8c8c", "#8c6d46", "#5d7f2f", "#9c4f82", "#607080"];

function render(option: echarts.EChartsCoreOption, width = 640, height = 300): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Intake and conclusions per month, side by side. */
export function monthlyChart(rows: BreakdownRow[], labels: { received: string; concluded: string }) {
  return render({
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: rows.map((row) => row.key.slice(5) + "月") },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: labels.received, type: "bar", data: rows.map((row) => row.received) },
      { name: labels.concluded, type: "bar", data: rows.map((row) => row.concluded) },
    ],
  });
}

/** Shares of intake (categories, channels), largest first; empty slices left out. */
export function shareChart(rows: BreakdownRow[]) {
  const data = rows
    .filter((row) => row.received > 0)
    .sort((a, b) => b.received - a.received)
    .map((row) => ({ name: row.name, value: row.received }));
  return render(
    {
      series: [
        {
          type: "pie",
          radius: ["30%", "55%"],
          data,
          // Labels run to the chart's edges and wrap there, so that none is cut off (挥发性有机物 12件 (3.2%)).
          label: {
            formatter: "{b} {c}件 ({d}%)",
            alignTo: "edge",
            edgeDistance: 6,
            overflow: "break",
            width: 96,
            lineHeight: 15,
          },
          labelLine: { length: 10, length2: 6 },
        },
      ],
    },
    420,
    300,
  );
}

/**
 * Per township, what was concluded on time and late and what is open and overdue at the end, as counts
 * side by side: a rate alone reads 100 % for a township whose late cases are all still open.
 */
export function townshipRateChart(rows: BreakdownRow[], labels: { onTime: string; overdue: string; overdueAtEnd: string }) {
  const shown = rows.filter((row) => row.concluded > 0 || (row.overdueAtEnd ?? 0) > 0);
  const series = (name: string, color: string, data: number[]) => ({
    name,
    type: "bar",
    stack: "cases",
    itemStyle: { color },
    data,
    label: { show: true, formatter: ({ value }: { value: number }) => (value > 0 ? String(value) : "") },
  });
  return render(
    {
      legend: { top: 0 },
      grid: { left: 80, right: 24, top: 32, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: shown.map((row) => row.name) },
      series: [
        series(
          labels.onTime,
          PALETTE[0],
          shown.map((row) => row.onTime),
        ),
        series(
          labels.overdue,
          PALETTE[1],
          shown.map((row) => row.overdue),
        ),
        series(
          labels.overdueAtEnd,
          PALETTE[3],
          shown.map((row) => row.overdueAtEnd ?? 0),
        ),
      ],
    },
    640,
    Math.max(140, 24 * shown.length + 64),
  );
}

/** Monthly intake this year against last year. */
export function trendChart(thisYear: BreakdownRow[], lastYear: BreakdownRow[], labels: { thisYear: string; lastYear: string }) {
  const months = lastYear.map((row) => row.key.slice(5) + "月");
  return render({
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: labels.lastYear, type: "line", data: lastYear.map((row) => row.received) },
      { name: labels.thisYear, type: "line", data: thisYear.map((row) => row.received) },
    ],
  });
}

/** One rate of each unit, as ranked (best first), in percent; units without a figure are left out. */
export function unitRateChart(units: { name: string; rate: number | null }[], label: string) {
  const shown = units.filter((unit) => unit.rate !== null);
  return render(
    {
      // Room on the right for the label of a full bar (100.0%).
      grid: { left: 80, right: 72, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: shown.map((unit) => unit.name) },
      series: [
        {
          name: label,
          type: "bar",
          itemStyle: { color: PALETTE[0] },
          data: shown.map((unit) => unit.rate),
          label: { show: true, position: "right", formatter: ({ value }: { value: number }) => `${value.toFixed(1)}%` },
        },
      ],
    },
    640,
    Math.max(120, 24 * shown.length + 48),
  );
}
