// Generations: the log, newest first, filtered and paged; each row opens the generation's details.
import {h, table, field, select, errorNotice} from './dom.js';
import {api, query} from './api.js';
import * as session from './session.js';
import {usd, count, millis, dateTime} from './format.js';

export const title = 'Generations';

function status(g) {
  if (g.cancelled) return h('span', {class: 'badge warn'}, 'cancelled');
  if (g.finish_reason === 'error') return h('span', {class: 'badge error'}, 'error');
  return h('span', {class: 'badge ok'}, g.finish_reason ?? 'ok');
}

export async function render() {
  const keyNames = new Map();
  if (session.isProvisioning()) {
    const keys = await api('/api/v1/keys?include_disabled=true');
    keys.data.forEach((k) => keyNames.set(k.hash, k.name));
  }
  const models = await api('/api/v1/models?output_modalities=all&include_unavailable=true');
  const filters = {model: '', provider: '', key: '', status: '', cancelled: '', from: '', to: ''};
  let cursor = null;
  const body = h('div', {});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true, onclick: () => load(true)}, 'Load more');
  const shown = [];

  function rows() {
    return table([
      {label: 'Time'}, {label: 'Model'}, {label: 'Provider', narrow: true}, {label: 'Key', narrow: true},
      {label: 'Tokens in / out', num: true}, {label: 'Cost', num: true}, {label: 'Latency', num: true, narrow: true},
      {label: 'Status'},
    ], shown.map((g) => [
      h('a', {href: '#/generation/' + encodeURIComponent(g.id)}, dateTime(g.created_at)),
      g.model, g.provider_name, keyNames.get(g.key_hash) ?? (session.isProvisioning() ? 'config key' : 'this key'),
      count(g.tokens_prompt) + ' / ' + count(g.tokens_completion), usd(g.total_cost), millis(g.latency), status(g),
    ]), (i) => ({'data-generation': shown[i].id}));
  }

  async function load(next = false) {
    try {
      if (!next) {
        shown.length = 0;
        cursor = null;
      }
      const page = await api('/api/v1/generations' + query({...filters, limit: 50, cursor: next ? cursor : null}));
      shown.push(...page.data);
      cursor = page.next_cursor;
      more.hidden = !cursor;
      body.replaceChildren(shown.length ? rows() : h('p', {class: 'muted'}, 'No generations match.'));
    } catch (error) {
      body.replaceChildren(errorNotice(error));
    }
  }

  const modelOptions = [['', 'Any model'], ...models.data.map((m) => [m.id, m.id])];
  const keyOptions = [['', 'Any key'], ...[...keyNames].map(([hash, name]) => [hash, name])];
  const form = h('form', {class: 'row panel', 'aria-label': 'Filters', onsubmit: (e) => {
    e.preventDefault();
    for (const el of form.elements) if (el.name in filters) filters[el.name] = el.value;
    load();
  }},
  field('Model', select('model', modelOptions, '')),
  field('Provider', h('input', {name: 'provider', placeholder: 'Any', size: 12})),
  session.isProvisioning() ? field('Key', select('key', keyOptions, '')) : null,
  field('Status', select('status', [['', 'Any'], ['success', 'Success'], ['error', 'Error']], '')),
  field('Cancelled', select('cancelled', [['', 'Either'], ['true', 'Cancelled'], ['false', 'Not cancelled']], '')),
  field('From (UTC day)', h('input', {name: 'from', type: 'date'})),
  field('To (UTC day)', h('input', {name: 'to', type: 'date'})),
  h('button', {type: 'submit'}, 'Apply / refresh'));
  await load();
  return h('section', {}, h('h1', {}, 'Generations'), form, h('div', {class: 'panel'}, body, more));
}
