// Activity: the last 30 days by day and today by hour — cost, requests or tokens — split by model, provider, key
// or app.
import {h, field, select} from './dom.js';
import {api, query} from './api.js';
import * as session from './session.js';
import {usd, count, tokens, bucketLabel} from './format.js';
import {stackedBars} from './chart.js';

export const title = 'Activity';

const METRICS = {
  usage: {label: 'Cost', value: (r) => Number(r.usage), format: usd},
  requests: {label: 'Requests', value: (r) => r.requests, format: count},
  tokens: {label: 'Tokens', value: (r) => r.prompt_tokens + r.completion_tokens, format: tokens},
};

/** One series per group, a value per bucket. */
function series(body, metric) {
  const index = new Map(body.buckets.map((b, i) => [b, i]));
  const groups = new Map();
  for (const row of body.data) {
    const i = index.get(row.start);
    if (i === undefined) continue;
    const g = groups.get(row.group) ?? {name: row.group_name, values: body.buckets.map(() => 0)};
    g.values[i] += METRICS[metric].value(row);
    groups.set(row.group, g);
  }
  return [...groups.values()];
}

function chart(body, metric, caption) {
  return stackedBars({
    caption, format: METRICS[metric].format,
    labels: body.buckets.map((b) => bucketLabel(b, body.interval)),
    series: series(body, metric),
  });
}

export async function render() {
  const state = {metric: 'usage', split: 'model'};
  const area = h('div', {});
  const splits = [['model', 'Model'], ['provider', 'Provider'], ['app', 'App']];
  if (session.isProvisioning()) splits.splice(2, 0, ['key', 'Key']);

  async function load() {
    area.setAttribute('aria-busy', 'true');
    const q = (interval) => '/api/v1/activity/series' + query({interval, group_by: state.split});
    const [days, hours] = await Promise.all([api(q('day')), api(q('hour'))]);
    const label = METRICS[state.metric].label;
    area.replaceChildren(
      h('section', {class: 'panel', 'data-chart': 'days'}, h('h2', {}, label + ', last 30 days (UTC days)'),
        chart(days, state.metric, label + ' per day by ' + state.split)),
      h('section', {class: 'panel', 'data-chart': 'hours'}, h('h2', {}, label + ', today so far (UTC hours)'),
        chart(hours, state.metric, label + ' per hour today by ' + state.split)));
    area.removeAttribute('aria-busy');
  }

  const controls = h('form', {class: 'row panel', onchange: (e) => {
    state[e.target.name] = e.target.value;
    load();
  }, onsubmit: (e) => {
    e.preventDefault();
    load();
  }},
  field('Show', select('metric', Object.entries(METRICS).map(([v, m]) => [v, m.label]), state.metric)),
  field('Split by', select('split', splits, state.split)),
  h('button', {type: 'submit', class: 'secondary'}, 'Refresh'));
  await load();
  return h('section', {}, h('h1', {}, 'Activity'),
    h('p', {class: 'muted'}, session.isProvisioning() ? 'The whole account.' : 'This key’s own requests.'),
    controls, area);
}
