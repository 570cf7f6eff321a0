// Models: the catalog with prices, context and modalities; each model's endpoints with their live latency,
// throughput and uptime. Searched and filtered by the API's own /models parameters.
import {h, table, field, select, errorNotice} from './dom.js';
import {api, query} from './api.js';
import {perMillion, count, millis, percent} from './format.js';

export const title = 'Models';

function endpointsTable(endpoints) {
  return table([
    {label: 'Provider'}, {label: 'Context', num: true}, {label: 'Prompt / 1M', num: true},
    {label: 'Completion / 1M', num: true}, {label: 'Latency p50', num: true}, {label: 'Throughput p50', num: true},
    {label: 'Uptime 30 min', num: true}, {label: 'Status'},
  ], endpoints.map((e) => [
    e.provider_name, count(e.context_length), perMillion(e.pricing.prompt), perMillion(e.pricing.completion),
    e.latency_last_30m ? millis(e.latency_last_30m.p50) : 'no data',
    e.throughput_last_30m ? Number(e.throughput_last_30m.p50).toFixed(0) + ' tok/s' : 'no data',
    percent(e.uptime_last_30m),
    e.status < 0 ? h('span', {class: 'badge error'}, 'recent outage') : h('span', {class: 'badge ok'}, 'ok'),
  ]));
}

function modelRow(m) {
  const holder = h('div', {}, h('p', {class: 'muted'}, 'Loading endpoints…'));
  const details = h('details', {ontoggle: async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'yes';
    try {
      const body = await api('/api/v1/models/' + m.id.split('/').map(encodeURIComponent).join('/') + '/endpoints');
      holder.replaceChildren(body.data.endpoints.length ? endpointsTable(body.data.endpoints)
        : h('p', {class: 'muted'}, 'No routable endpoint: no provider of this model has its credentials.'));
    } catch (error) {
      holder.replaceChildren(errorNotice(error));
    }
  }}, h('summary', {}, 'Endpoints'), holder);
  return [
    h('div', {}, h('strong', {}, m.name), h('div', {}, h('code', {}, m.id)), details),
    m.context_length === null ? '–' : count(m.context_length),
    perMillion(m.pricing.prompt), perMillion(m.pricing.completion),
    m.architecture.input_modalities.join(', ') + ' → ' + m.architecture.output_modalities.join(', '),
  ];
}

export async function render() {
  const providers = await api('/api/v1/providers');
  const results = h('div', {});
  const form = h('form', {class: 'row panel', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    load();
  }},
  field('Search', h('input', {name: 'q', type: 'search', placeholder: 'name or id'})),
  field('Provider', select('providers', [['', 'Any'], ...providers.data.map((p) => [p.slug, p.name])], '')),
  field('Input', select('input_modalities', [['', 'Any'], ['text', 'text'], ['image', 'image'], ['file', 'file'],
    ['audio', 'audio']], '')),
  field('Output', select('output_modalities', [['all', 'Any'], ['text', 'text'], ['image', 'image'],
    ['embeddings', 'embeddings']], 'all')),
  field('Sort', select('sort', [['', 'Default'], ['price', 'Price'], ['context', 'Context'], ['newest', 'Newest'],
    ['throughput', 'Throughput'], ['latency', 'Latency']], '')),
  h('label', {class: 'inline'}, h('input', {type: 'checkbox', name: 'include_unavailable', value: 'true'}),
    'Include models without credentials'),
  h('button', {type: 'submit'}, 'Search'));

  async function load() {
    const params = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') params[el.name] = el.checked ? el.value : '';
      else params[el.name] = el.value;
    }
    try {
      const body = await api('/api/v1/models' + query(params));
      results.replaceChildren(h('p', {class: 'muted'}, count(body.data.length), ' models'),
        table([{label: 'Model'}, {label: 'Context', num: true}, {label: 'Prompt / 1M', num: true},
          {label: 'Completion / 1M', num: true}, {label: 'Modalities', narrow: true}], body.data.map(modelRow)));
    } catch (error) {
      results.replaceChildren(errorNotice(error));
    }
  }

  await load();
  form.addEventListener('change', (e) => e.target.name !== 'q' && load());
  return h('section', {}, h('h1', {}, 'Models'), form, h('div', {class: 'panel'}, results));
}
