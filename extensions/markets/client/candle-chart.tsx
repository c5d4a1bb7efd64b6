// A candlestick chart with a volume histogram beneath it (lightweight-charts), fed with the REST
// door's candles and then with the live stream's bars: a bar for a bucket already shown replaces it.
import { useEffect, useRef } from 'react';
import { Anchor, Text } from '@mantine/core';
import { CandlestickSeries, ColorType, createChart, HistogramSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';

export interface Bar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
}

const UP = '#2f9e44';
const DOWN = '#e03131';
const toCandle = (b: Bar) => ({ time: (b.t / 1000) as UTCTimestamp, open: b.o, high: b.h, low: b.l, close: b.c });
const toVolume = (b: Bar) => ({ time: (b.t / 1000) as UTCTimestamp, value: b.v, color: b.c >= b.o ? `${UP}80` : `${DOWN}80` });

export function CandleChart({ bars, live, height = 420 }: { bars: Bar[]; live: Bar | null; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const candles = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const volume = useRef<ISeriesApi<'Histogram'> | null>(null);
  const last = useRef<number>(0);

  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, {
      height,
      autoSize: true,
      // The library's logo is injected as an inline <style>, which the page's CSP refuses; the
      // attribution its licence asks for is the link under the chart instead.
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#868e96', attributionLogo: false },
      grid: { vertLines: { color: '#86868620' }, horzLines: { color: '#86868620' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    candles.current = c.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false });
    volume.current = c.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' } });
    c.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    candles.current.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    candles.current?.setData(bars.map(toCandle));
    volume.current?.setData(bars.map(toVolume));
    last.current = bars.at(-1)?.t ?? 0;
    chart.current?.timeScale().fitContent();
  }, [bars]);

  useEffect(() => {
    // The chart takes updates to its last bar or a newer one; an older (late) bar needs the refetch.
    if (!live || live.t < last.current) return;
    candles.current?.update(toCandle(live));
    volume.current?.update(toVolume(live));
    last.current = live.t;
  }, [live]);

  return (
    <>
      <div ref={box} role="img" aria-label="Candlestick chart with volume" style={{ width: '100%', height }} />
      <Text size="xs" c="dimmed" ta="right">
        Charts by{' '}
        <Anchor href="https://www.tradingview.com/lightweight-charts/" target="_blank" rel="noreferrer" size="xs">
          TradingView Lightweight Charts™
        </Anchor>
      </Text>
    </>
  );
}
