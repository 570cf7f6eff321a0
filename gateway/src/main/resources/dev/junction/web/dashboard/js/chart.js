// Stacked bar charts over time buckets, drawn by uPlot (a WebJar), with a legend and a data table beside them:
// the table is what a screen reader (and a test) reads, the canvas what the eye does.
import uPlot from '/dashboard/vendor/uPlot.esm.js';
import {h, table} from './dom.js';

// The same colours as the legend's .c0–.c7 classes in app.css.
const COLORS = ['#3558d6', '#e8710a', '#1b9e77', '#d6336c', '#7b61ff', '#8c6d1f', '#17a2b8', '#9aa0a6'];
const MAX_GROUPS = COLORS.length;

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * Groups beyond the largest seven are summed as "Other", so the chart stays readable.
 * series: [{name, values: number[]}], one value per label.
 */
function topGroups(series) {
  const total = (s) => s.values.reduce((a, b) => a + b, 0);
  const sorted = [...series].sort((a, b) => total(b) - total(a));
  if (sorted.length <= MAX_GROUPS) return sorted;
  const kept = sorted.slice(0, MAX_GROUPS - 1);
  const rest = sorted.slice(MAX_GROUPS - 1);
  return [...kept, {name: 'Other', values: rest[0].values.map((_, i) => rest.reduce((a, s) => a + s.values[i], 0))}];
}

/**
 * A chart of `series` over `labels`, values shown with `format`. Returns an element that sizes itself to its
 * container and redraws on theme changes; `caption` names it for assistive technology.
 */
export function stackedBars({caption, labels, series, format}) {
  const groups = topGroups(series);
  const plot = h('div', {class: 'chart', role: 'img', 'aria-label': caption + ' (the table below has the figures)'});
  const legend = h('div', {class: 'legend'}, groups.map((g, i) =>
    h('span', {}, h('span', {class: 'swatch c' + i}), g.name)));
  const rows = [];
  labels.forEach((label, i) => groups.forEach((g) => {
    if (g.values[i] > 0) rows.push([label, g.name, format(g.values[i])]);
  }));
  const data = h('details', {},
    h('summary', {}, 'Figures as a table'),
    rows.length ? table([{label: 'When'}, {label: 'Group'}, {label: 'Value', num: true}], rows)
      : h('p', {class: 'muted'}, 'Nothing in this period.'));
  const wrapper = h('figure', {class: 'chart-figure'}, h('figcaption', {class: 'muted'}, caption), plot, legend, data);

  // Stacking: each group's bar reaches the sum of itself and the groups below it; drawn tallest first, so each
  // shorter one paints over the lower part of the one before.
  const cumulative = [];
  groups.forEach((g, gi) => cumulative.push(g.values.map((v, i) => v + (gi > 0 ? cumulative[gi - 1][i] : 0))));
  const order = groups.map((_, i) => i).reverse();
  let chart = null;

  function options(width) {
    const fg = cssVar('--muted') || '#666';
    const grid = cssVar('--line') || '#ddd';
    const step = Math.max(1, Math.ceil(labels.length / Math.max(2, Math.floor(width / 70))));
    return {
      width, height: 240, legend: {show: false}, cursor: {drag: {x: false, y: false}},
      scales: {x: {time: false, range: [-0.5, labels.length - 0.5]}, y: {range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1]}},
      axes: [
        {stroke: fg, grid: {show: false}, ticks: {stroke: grid},
          splits: () => labels.map((_, i) => i).filter((i) => i % step === 0),
          values: (u, splits) => splits.map((i) => labels[i] ?? '')},
        {stroke: fg, grid: {stroke: grid}, ticks: {stroke: grid}, size: 70, values: (u, splits) => splits.map(format)},
      ],
      series: [{}, ...order.map((gi) => ({
        label: groups[gi].name, fill: COLORS[gi], stroke: COLORS[gi], width: 0,
        paths: uPlot.paths.bars({size: [0.7, 48]}), points: {show: false},
      }))],
    };
  }

  function draw() {
    const width = Math.max(260, plot.clientWidth || 600);
    chart?.destroy();
    chart = new uPlot(options(width), [labels.map((_, i) => i), ...order.map((gi) => cumulative[gi])], plot);
  }

  // Drawn once the element is in the page and has a width; redrawn when that width or the theme changes.
  const resize = new ResizeObserver(() => {
    if (!plot.isConnected) {
      resize.disconnect();
      return;
    }
    if (!chart || Math.abs(chart.width - plot.clientWidth) > 4) draw();
  });
  resize.observe(plot);
  window.addEventListener('themechange', () => plot.isConnected && draw());
  return wrapper;
}
