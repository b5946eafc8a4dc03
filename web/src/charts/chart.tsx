/** One ECharts instance per element, resized with it, disposed with it; options replace, never merge. */
import { useEffect, useRef } from 'preact/hooks';
import { type EChartsType, init } from './core.js';

export function Chart({ option, height = 420, label }: { option: object | null; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (element.current === null) return undefined;
    const instance = init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No animation: charts are read and printed, and a half-drawn chart must never be what is saved.
    if (option !== null) chart.current?.setOption({ animation: false, ...option } as Record<string, unknown>, true);
  }, [option]);
  return <div ref={element} class="chart" role="img" aria-label={label} style={{ height: `${height}px` }} />;
}
