// One generation: what served it, every provider tried, tokens, cost and timings.
import {h, table} from './dom.js';
import {api} from './api.js';
import {usd, count, millis, dateTime} from './format.js';

export const title = 'Generation';

function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export async function render([id]) {
  const g = (await api('/api/v1/generation?id=' + encodeURIComponent(id))).data;
  return h('section', {},
    h('p', {}, h('a', {href: '#/generations'}, '← All generations')),
    h('h1', {}, 'Generation ', h('code', {}, g.id)),
    h('div', {class: 'grid2'},
      h('section', {class: 'panel'}, h('h2', {}, 'Request'), facts([
        ['Created', dateTime(g.created_at)], ['Model', g.model], ['Provider', g.provider_name],
        ['Streamed', g.streamed ? 'yes' : 'no'], ['Cancelled', g.cancelled ? 'yes' : 'no'],
        ['Finish reason', g.finish_reason ?? '–'], ['Native finish reason', g.native_finish_reason],
        ['App', g.app_name], ['HTTP-Referer', g.http_referer], ['Session', g.session_id], ['User', g.external_user],
        ['User agent', g.user_agent], ['Router', g.router], ['Upstream id', g.upstream_id],
      ])),
      h('section', {class: 'panel'}, h('h2', {}, 'Tokens, cost and time'), facts([
        ['Prompt tokens', count(g.tokens_prompt)], ['Completion tokens', count(g.tokens_completion)],
        ['Reasoning tokens', count(g.native_tokens_reasoning)], ['Cached tokens', count(g.native_tokens_cached)],
        ['Cost', usd(g.total_cost)], ['Cache discount', g.cache_discount === null ? null : usd(g.cache_discount)],
        ['Time to first token', millis(g.latency)], ['Generation time', millis(g.generation_time)],
      ]))),
    h('section', {class: 'panel'}, h('h2', {}, 'Providers tried'),
      table([{label: '#', num: true}, {label: 'Provider'}, {label: 'Model'}, {label: 'Status', num: true},
        {label: 'Latency', num: true}, {label: 'Why it did not serve'}],
      g.provider_responses.map((a, i) => [String(i + 1), a.provider_name, a.model_permaslug, String(a.status),
        millis(a.latency), a.message ?? '']))));
}
