// Playground: one or two models answer the same prompt side by side, streamed, with tokens, cost and time to first
// token, and the curl command that makes the same request. Models are called with a standard key: a provisioning
// key cannot call them, so a provisioning sign-in creates (or is given) a standard key for the playground.
import {h, field, select, errorNotice, toast} from './dom.js';
import {api} from './api.js';
import * as session from './session.js';
import {readStream} from './sse.js';
import {usd, count, millis} from './format.js';

export const title = 'Playground';

/** The request as curl would send it, with the key left as a variable (never printed on the page). */
export function curlCommand(body) {
  const json = JSON.stringify(body).replace(/'/g, `'\\''`);
  return `curl ${location.origin}/api/v1/chat/completions \\\n  -H "Authorization: Bearer $JUNCTION_API_KEY" \\\n`
    + `  -H "Content-Type: application/json" \\\n  -d '${json}'`;
}

function keyPanel(onReady) {
  const status = h('div', {'aria-live': 'polite'});
  const pasted = h('input', {type: 'password', id: 'playground-key', autocomplete: 'off', placeholder: 'sk-jn-v1-…'});
  return h('section', {class: 'panel', 'data-playground-key': 'missing'},
    h('h2', {}, 'A standard key for the playground'),
    h('p', {}, 'You signed in with a provisioning key, which manages keys but cannot call models. ',
      'The playground needs a standard key: create one here (named “dashboard playground”, limited to $1, ',
      'kept in this tab only), or paste one.'),
    h('div', {class: 'row'},
      h('button', {type: 'button', onclick: async () => {
        try {
          const created = await api('/api/v1/keys', {method: 'POST',
            body: {name: 'dashboard playground', limit: 1, limit_reset: 'daily'}});
          session.setPlaygroundKey(created.key);
          toast('Created the key “dashboard playground”');
          onReady();
        } catch (error) {
          status.replaceChildren(errorNotice(error));
        }
      }}, 'Create a playground key'),
      field('Or paste a standard key', pasted),
      h('button', {type: 'button', class: 'secondary', onclick: () => {
        if (!pasted.value.trim()) return;
        session.setPlaygroundKey(pasted.value.trim());
        onReady();
      }}, 'Use this key')),
    status);
}

/** Streams one model's answer into its column; resolves with nothing, showing any error in the column. */
async function run(model, body, column) {
  const answer = h('div', {class: 'answer', 'data-answer': model, 'aria-live': 'polite'});
  const stats = h('div', {class: 'stats'});
  column.replaceChildren(h('h3', {}, model), answer, stats);
  const started = performance.now();
  let firstToken = null;
  let usage = null;
  let id = null;
  let provider = null;
  try {
    const response = await fetch('/api/v1/chat/completions', {
      method: 'POST',
      headers: {Authorization: 'Bearer ' + session.playgroundKey(), 'Content-Type': 'application/json',
        'X-Title': 'Junction dashboard playground'},
      body: JSON.stringify({...body, model}),
    });
    if (!response.ok) {
      const error = await response.json().catch(() => null);
      throw new Error(error?.error?.message ?? `HTTP ${response.status}`);
    }
    await readStream(response, (chunk) => {
      id = chunk.id ?? id;
      provider = chunk.provider ?? provider;
      if (chunk.error) throw new Error(chunk.error.message);
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) {
        firstToken ??= performance.now() - started;
        answer.append(document.createTextNode(text));
      }
      if (chunk.usage) usage = chunk.usage;
    });
    const total = performance.now() - started;
    stats.replaceChildren(
      h('span', {'data-stat': 'ttft'}, 'First token ', millis(firstToken)),
      h('span', {}, 'Total ', millis(total)),
      h('span', {'data-stat': 'tokens'}, 'Tokens ', count(usage?.prompt_tokens), ' in / ', count(usage?.completion_tokens), ' out'),
      h('span', {'data-stat': 'cost'}, 'Cost ', usage?.cost === undefined ? '–' : usd(usage.cost)),
      provider ? h('span', {}, 'via ', provider) : null,
      id ? h('a', {href: '#/generation/' + encodeURIComponent(id)}, 'details') : null);
  } catch (error) {
    column.append(errorNotice(error));
  }
}

export async function render() {
  const root = h('section', {}, h('h1', {}, 'Playground'));
  const models = await api('/api/v1/models');
  const choices = models.data.map((m) => [m.id, m.name + ' (' + m.id + ')']);

  function build() {
    root.replaceChildren(root.firstChild);
    if (!session.playgroundKey()) {
      root.append(keyPanel(build));
      return;
    }
    const columns = h('div', {class: 'side-by-side'});
    const curl = h('pre', {'data-curl': ''}, '');
    const first = select('model', choices, choices[0]?.[0]);
    const second = select('compare', [['', 'No second model'], ...choices], '');
    const prompt = h('textarea', {name: 'prompt', required: true, id: 'prompt'}, 'Say hello in three languages.');
    const maxTokens = h('input', {name: 'max_tokens', type: 'number', min: 1, value: 256, size: 6});
    const form = h('form', {class: 'panel', onsubmit: async (e) => {
      e.preventDefault();
      const body = {messages: [{role: 'user', content: prompt.value}], stream: true,
        max_tokens: Number(maxTokens.value) || undefined};
      curl.textContent = curlCommand({model: first.value, ...body});
      const picked = [first.value, second.value].filter(Boolean);
      columns.replaceChildren(...picked.map(() => h('div', {class: 'panel'})));
      send.disabled = true;
      await Promise.all(picked.map((model, i) => run(model, body, columns.children[i])));
      send.disabled = false;
    }},
    h('div', {class: 'row'}, field('Model', first), field('Compare with', second), field('Max tokens', maxTokens)),
    h('label', {for: 'prompt'}, 'Prompt'), prompt);
    const send = h('button', {type: 'submit'}, 'Send');
    form.append(h('div', {class: 'row'}, send,
      session.isProvisioning() ? h('span', {class: 'muted'}, 'Calls models with the playground’s standard key.') : null));
    root.append(form, columns, h('section', {class: 'panel'}, h('h2', {}, 'The same request with curl'),
      h('p', {class: 'muted'}, 'Set JUNCTION_API_KEY to a standard key first.'), curl));
  }

  build();
  return root;
}
