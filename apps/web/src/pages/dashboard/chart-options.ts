import type { BarSeriesOption, LineSeriesOption, RadarSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { radarModel } from "./figures";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

const RED = "#c0392b";
const PALETTE = ["#c0392b", "#1677ff", "#52c41a", "#faad14", "#722ed1", "#13c2c2", "#eb2f96"];

/** Counts by category as bars: vertical for days and hours, horizontal for long names. */
export function barOption(p: {
  categories: string[];
  series: { name: string; values: number[] }[];
  horizontal?: boolean;
}): ChartOption {
  const category = { type: "category" as const, data: p.categories, axisTick: { show: false } };
  const value = { type: "value" as const, minInterval: 1 };
  return {
    color: PALETTE,
    animationDuration: 300,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: p.series.length > 1 ? { top: 0 } : undefined,
    grid: {
      left: 8,
      right: 16,
      top: p.series.length > 1 ? 32 : 12,
      bottom: 8,
      containLabel: true,
    },
    xAxis: p.horizontal ? value : category,
    yAxis: p.horizontal ? { ...category, inverse: true } : value,
    series: p.series.map((s) => ({
      type: "bar" as const,
      name: s.name,
      data: s.values,
      barMaxWidth: 28,
    })),
  };
}

/** Cases a day over the last 30 days. */
export function lineOption(p: { days: string[]; values: number[]; name: string }): ChartOption {
  return {
    color: [RED],
    animationDuration: 300,
    tooltip: { trigger: "axis" },
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: p.days.map((d) => d.slice(5)), boundaryGap: false },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        type: "line",
        name: p.name,
        data: p.values,
        showSymbol: false,
        areaStyle: { opacity: 0.12 },
      },
    ],
  };
}

/** The efficiency radar, percent on every axis; a missing value sits at the centre, named "—". */
export function radarOption(
  model: ReturnType<typeof radarModel>,
  dimName: (key: (typeof model.dims)[number]["name"]) => string,
): ChartOption {
  return {
    color: PALETTE,
    animationDuration: 300,
    legend: { bottom: 0, type: "plain" },
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const { name, dataIndex } = p as { name: string; dataIndex: number };
        const site = model.series[dataIndex];
        const lines = model.dims.map((d, i) => {
          const v = site?.values[i];
          return `${dimName(d.name)}：${v === null || v === undefined ? "—" : `${v}%`}`;
        });
        return [name, ...lines].join("<br/>");
      },
    },
    radar: {
      indicator: model.dims.map((d) => ({ name: dimName(d.name), max: 100, min: 0 })),
      radius: "62%",
      center: ["50%", "46%"],
      axisName: { color: "#595959" },
    },
    series: [
      {
        type: "radar",
        data: model.series.map((s) => ({
          name: s.name,
          value: s.values.map((v) => v ?? 0),
          areaStyle: { opacity: 0.08 },
        })),
      },
    ],
  };
}
