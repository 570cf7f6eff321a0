// Health: /ready's checks, the providers (with or without credentials), and the catalog's last refresh.
import {h, table} from './dom.js';
import {api} from './api.js';
import {count, dateTime} from './format.js';

export const title = 'Health';

function yes(ok, good, bad) {
  return h('span', {class: 'badge ' + (ok ? 'ok' : 'error')}, ok ? good : bad);
}

export async function render() {
  const readyResponse = await fetch('/ready');
  const ready = await readyResponse.json();
  const catalog = (await api('/api/v1/health/catalog')).data;
  const refresh = catalog.last_refresh;
  const errors = refresh ? Object.entries(refresh.discovery_errors) : [];
  return h('section', {}, h('h1', {}, 'Health'),
    h('section', {class: 'panel', 'data-ready': ready.status},
      h('h2', {}, 'Readiness ', yes(readyResponse.ok, 'ready', 'not ready')),
      table([{label: 'Check'}, {label: 'State'}], Object.entries(ready.checks).map(([name, value]) => [name, String(value)]))),
    h('section', {class: 'panel'}, h('h2', {}, 'Catalog'),
      h('p', {}, count(catalog.routable_models), ' of ', count(catalog.models), ' models can be routed. ',
        catalog.refresh_interval_seconds > 0 ? 'Refreshed every ' + catalog.refresh_interval_seconds + ' s.'
          : 'Periodic refresh is off.'),
      refresh === null ? h('p', {class: 'muted'}, 'No refresh has finished yet.')
        : h('div', {},
          h('p', {}, 'Last refresh ', dateTime(refresh.at), ': ', refresh.catalog_changed ? 'the catalog changed' : 'no change',
            refresh.config_reloaded ? ', configuration reloaded' : '', '.'),
          refresh.config_error ? h('div', {class: 'notice error'}, 'Configuration change ignored: ', refresh.config_error) : null,
          errors.length === 0 ? h('p', {class: 'ok'}, 'Every discovering provider answered.')
            : table([{label: 'Provider'}, {label: 'Discovery error'}], errors.map(([id, message]) => [id, message])))),
    h('section', {class: 'panel'}, h('h2', {}, 'Providers'),
      table([{label: 'Provider'}, {label: 'Kind', narrow: true}, {label: 'Credentials'}, {label: 'Discovery', narrow: true},
        {label: 'Endpoints', num: true}],
      catalog.providers.map((p) => [
        h('span', {}, p.name, ' ', h('code', {}, p.id)), p.kind,
        p.has_credentials ? yes(true, 'present', '') : yes(false, '', 'missing' + (p.credentials_env ? ': set ' + p.credentials_env : '')),
        p.discovery, count(p.endpoints)]))));
}
