// Overview: credits, spending today / this week / this month, requests and tokens, top models and apps.
import {h, table} from './dom.js';
import {api} from './api.js';
import * as session from './session.js';
import {usd, count, tokens} from './format.js';

export const title = 'Overview';

function card(label, value, id) {
  return h('div', {class: 'card', 'data-figure': id}, h('div', {class: 'label'}, label), h('div', {class: 'value'}, value));
}

/** Sums a series' rows per group, largest cost first. */
function totalsByGroup(rows) {
  const by = new Map();
  for (const r of rows) {
    const t = by.get(r.group) ?? {name: r.group_name, usage: 0, requests: 0, tokens: 0};
    t.usage += Number(r.usage);
    t.requests += r.requests;
    t.tokens += r.prompt_tokens + r.completion_tokens;
    by.set(r.group, t);
  }
  return [...by.values()].sort((a, b) => b.usage - a.usage || b.requests - a.requests);
}

function topTable(heading, groups) {
  return h('section', {class: 'panel'}, h('h2', {}, heading),
    groups.length === 0 ? h('p', {class: 'muted'}, 'No requests in the last 30 days.')
      : table([{label: 'Name'}, {label: 'Requests', num: true}, {label: 'Tokens', num: true}, {label: 'Cost', num: true}],
        groups.slice(0, 8).map((g) => [g.name, count(g.requests), tokens(g.tokens), usd(g.usage)])));
}

export async function render() {
  const [credits, byModel, byApp, key] = await Promise.all([
    api('/api/v1/credits'),
    api('/api/v1/activity/series?interval=day&group_by=model'),
    api('/api/v1/activity/series?interval=day&group_by=app'),
    api('/api/v1/key'),
  ]);
  const c = credits.data;
  const rows = byModel.data;
  const requests = rows.reduce((a, r) => a + r.requests, 0);
  const prompt = rows.reduce((a, r) => a + r.prompt_tokens, 0);
  const completion = rows.reduce((a, r) => a + r.completion_tokens, 0);
  const scope = session.isProvisioning() ? 'the account' : 'this key';
  const k = key.data;
  return h('section', {},
    h('h1', {}, 'Overview'),
    h('p', {class: 'muted'}, 'Figures for ', scope, '; days and weeks are UTC, weeks start on Monday. ',
      'Requests appear here once recorded, usually within a second.'),
    h('div', {class: 'cards'},
      card('Credits left', usd(Number(c.total_credits) - Number(c.total_usage)), 'credits-left'),
      card('Credits granted', usd(c.total_credits), 'credits'),
      card('Spent today', usd(byModel.usage_daily), 'today'),
      card('Spent this week', usd(byModel.usage_weekly), 'week'),
      card('Spent this month', usd(byModel.usage_monthly), 'month'),
      card('Requests (30 days)', count(requests), 'requests'),
      card('Tokens in / out (30 days)', tokens(prompt) + ' / ' + tokens(completion), 'tokens'),
      session.isProvisioning() ? null
        : card('Key limit left', k.limit_remaining === null ? 'no limit' : usd(k.limit_remaining), 'limit')),
    h('div', {class: 'grid2'},
      topTable('Top models (30 days)', totalsByGroup(rows)),
      topTable('Top apps (30 days)', totalsByGroup(byApp.data))));
}
