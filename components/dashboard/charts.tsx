"use client";

import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Charts drawn with Recharts (SVG: crisp on screen and on paper). Each is
// wrapped in ChartFigure, which carries the same numbers as a table.

const LIGHT_COLOURS: Record<string, string> = { RED: "#dc2626", YELLOW: "#f59e0b", GREEN: "#16a34a", GREY: "#94a3b8" };

export function LightsChart({ data }: { data: { light: string; label: string; count: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name="举措数" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.light} fill={LIGHT_COLOURS[d.light] ?? "#1f5fa8"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TrendChart({ data }: { data: { month: string; rate: number | null; completed: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(value) => [`${String(value)}%`, "累计完成率"]} />
        <Line type="monotone" dataKey="rate" name="累计完成率" stroke="#1f5fa8" dot={false} strokeWidth={2} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars of a percentage per row (chapters, districts, outline areas). */
export function RateBars({ data, height }: { data: { name: string; rate: number | null }[]; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height ?? Math.max(160, data.length * 28 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" domain={[0, 100]} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(value) => [`${String(value)}%`, "完成率"]} />
        <Bar dataKey="rate" name="完成率" fill="#1f5fa8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
