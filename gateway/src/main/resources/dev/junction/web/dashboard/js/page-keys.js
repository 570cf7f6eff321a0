// Keys (provisioning keys only): create — the secret shown once, with a copy button —, edit, disable, delete;
// and grant the account credits.
import {h, table, field, select, toast, errorNotice} from './dom.js';
import {api} from './api.js';
import {usd, dateTime, shortHash} from './format.js';

export const title = 'Keys';

const RESETS = [['', 'never'], ['daily', 'daily'], ['weekly', 'weekly'], ['monthly', 'monthly']];

/** Copies text to the clipboard; where the Clipboard API is missing (plain http), through a selected input. */
async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    input.select();
    document.execCommand('copy');
  }
  toast('Copied to the clipboard');
}

function limitBody(form) {
  const limit = form.elements.limit.value.trim();
  const requests = form.elements.rate_requests.value.trim();
  const interval = form.elements.rate_interval.value.trim();
  return {
    name: form.elements.name.value.trim(),
    limit: limit === '' ? null : Number(limit),
    limit_reset: form.elements.limit_reset.value || null,
    rate_limit: requests === '' ? null : {requests: Number(requests), interval: interval || '1m'},
  };
}

function keyFields(key = {}) {
  return [
    field('Name', h('input', {name: 'name', required: true, maxlength: 200, value: key.name ?? ''})),
    field('Limit (USD, empty for none)', h('input', {name: 'limit', type: 'number', min: 0, step: 'any',
      value: key.limit ?? ''})),
    field('Limit resets', select('limit_reset', RESETS, key.limit_reset ?? '')),
    field('Rate limit: requests', h('input', {name: 'rate_requests', type: 'number', min: 1, step: 1,
      placeholder: 'default', value: key.rate_limit?.requests ?? ''})),
    field('per (10s, 1m, 1h, 1d)', h('input', {name: 'rate_interval', size: 5, value: key.rate_limit?.interval ?? '1m'})),
  ];
}

export async function render() {
  const list = h('div', {});
  const created = h('div', {'aria-live': 'polite'});
  const creditsBox = h('div', {});
  const dialog = h('dialog', {'aria-labelledby': 'edit-title'});

  async function refresh() {
    const [keys, credits] = await Promise.all([api('/api/v1/keys?include_disabled=true'), api('/api/v1/credits')]);
    creditsBox.replaceChildren(h('p', {}, 'Granted ', h('strong', {}, usd(credits.data.total_credits)), ', used ',
      h('strong', {}, usd(credits.data.total_usage)), '.'));
    list.replaceChildren(keys.data.length === 0 ? h('p', {class: 'muted'}, 'No keys yet.') : table([
      {label: 'Name'}, {label: 'Hash', narrow: true}, {label: 'Kind', narrow: true}, {label: 'Used', num: true},
      {label: 'Limit', num: true}, {label: 'Left', num: true, narrow: true}, {label: 'Rate limit', narrow: true},
      {label: 'State'}, {label: 'Actions'},
    ], keys.data.map((k) => [
      k.name, h('code', {title: k.hash}, shortHash(k.hash)), k.is_provisioning_key ? 'provisioning' : 'standard',
      usd(k.usage), k.limit === null ? '–' : usd(k.limit) + (k.limit_reset ? ' ' + k.limit_reset : ''),
      k.limit_remaining === null ? '–' : usd(k.limit_remaining),
      k.rate_limit ? k.rate_limit.requests + ' / ' + k.rate_limit.interval : 'default',
      k.disabled ? h('span', {class: 'badge warn'}, 'disabled') : h('span', {class: 'badge ok'}, 'active'),
      h('div', {class: 'row'},
        h('button', {type: 'button', class: 'secondary', 'aria-label': 'Edit ' + k.name, onclick: () => edit(k)}, 'Edit'),
        h('button', {type: 'button', class: 'secondary', 'aria-label': (k.disabled ? 'Enable ' : 'Disable ') + k.name,
          onclick: () => change(k, {disabled: !k.disabled}, k.disabled ? 'Enabled' : 'Disabled')},
        k.disabled ? 'Enable' : 'Disable'),
        h('button', {type: 'button', class: 'danger', 'aria-label': 'Delete ' + k.name, onclick: () => remove(k)}, 'Delete')),
    ]), (i) => ({'data-key': keys.data[i].hash, class: keys.data[i].disabled ? 'disabled' : null})));
  }

  async function change(k, body, done) {
    try {
      await api('/api/v1/keys/' + encodeURIComponent(k.hash), {method: 'PATCH', body});
      toast(done + ': ' + k.name);
      await refresh();
    } catch (error) {
      created.replaceChildren(errorNotice(error));
    }
  }

  function remove(k) {
    const form = h('form', {method: 'dialog'},
      h('h2', {id: 'edit-title'}, 'Delete ', k.name, '?'),
      h('p', {}, 'The key stops working at once. Its generations and usage stay.'),
      h('div', {class: 'row'},
        h('button', {value: 'cancel', class: 'secondary', autofocus: true}, 'Cancel'),
        h('button', {value: 'delete', class: 'danger'}, 'Delete')));
    dialog.replaceChildren(form);
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'delete') return;
      try {
        await api('/api/v1/keys/' + encodeURIComponent(k.hash), {method: 'DELETE'});
        toast('Deleted ' + k.name);
        await refresh();
      } catch (error) {
        created.replaceChildren(errorNotice(error));
      }
    };
    dialog.returnValue = '';
    dialog.showModal();
  }

  function edit(k) {
    const status = h('div', {});
    const form = h('form', {onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('/api/v1/keys/' + encodeURIComponent(k.hash), {method: 'PATCH', body: limitBody(form)});
        dialog.close();
        toast('Saved ' + k.name);
        await refresh();
      } catch (error) {
        status.replaceChildren(errorNotice(error));
      }
    }},
    h('h2', {id: 'edit-title'}, 'Edit ', k.name), h('div', {class: 'row'}, keyFields(k)), status,
    h('div', {class: 'row'}, h('button', {type: 'submit'}, 'Save'),
      h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel')));
    dialog.replaceChildren(form);
    dialog.onclose = null;
    dialog.showModal();
  }

  const createForm = h('form', {class: 'row', 'aria-label': 'Create a key', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const result = await api('/api/v1/keys', {method: 'POST', body: limitBody(createForm)});
      const secret = h('input', {id: 'new-key', readonly: true, value: result.key, 'aria-label': 'The new key'});
      created.replaceChildren(h('div', {class: 'notice', 'data-new-key': result.data.hash},
        h('p', {}, h('strong', {}, 'Key “', result.data.name, '” created.'),
          ' Copy it now: it is shown only once and cannot be shown again.'),
        h('div', {class: 'secret'}, secret,
          h('button', {type: 'button', onclick: () => copy(result.key, secret)}, 'Copy'))));
      createForm.reset();
      await refresh();
      secret.focus();
    } catch (error) {
      created.replaceChildren(errorNotice(error));
    }
  }}, keyFields(), h('button', {type: 'submit'}, 'Create key'));

  const grantForm = h('form', {class: 'row', 'aria-label': 'Grant credits', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/v1/credits', {method: 'POST', body: {amount: Number(grantForm.elements.amount.value)}});
      toast('Credits granted');
      grantForm.reset();
      await refresh();
    } catch (error) {
      creditsBox.append(errorNotice(error));
    }
  }},
  field('Amount (USD)', h('input', {name: 'amount', type: 'number', min: '0.000001', step: 'any', required: true})),
  h('button', {type: 'submit'}, 'Grant credits'));

  await refresh();
  return h('section', {}, h('h1', {}, 'Keys'),
    h('section', {class: 'panel'}, h('h2', {}, 'Create a key'), createForm, created),
    h('section', {class: 'panel'}, h('h2', {}, 'Keys of the account'), list),
    h('section', {class: 'panel'}, h('h2', {}, 'Credits'), creditsBox, grantForm),
    dialog);
}
