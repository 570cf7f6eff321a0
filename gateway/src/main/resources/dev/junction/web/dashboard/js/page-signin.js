// Sign-in: paste a key, or get one through the OAuth PKCE flow.
import {h, errorNotice} from './dom.js';
import * as session from './session.js';
import * as pkce from './pkce.js';

export const title = 'Sign in';

export function render() {
  const message = sessionStorage.getItem('junction.signinMessage');
  sessionStorage.removeItem('junction.signinMessage');
  const status = h('div', {'aria-live': 'polite'}, message ? errorNotice(new Error(message)) : null);
  const input = h('input', {id: 'signin-key', type: 'password', name: 'key', autocomplete: 'off', required: true,
    placeholder: 'sk-jn-v1-…', spellcheck: 'false'});
  const form = h('form', {class: 'panel', onsubmit: async (event) => {
    event.preventDefault();
    status.replaceChildren();
    try {
      await session.signIn(input.value.trim());
      input.value = '';
      const target = !location.hash || location.hash === '#/signin' ? '#/overview' : location.hash;
      if (location.hash !== target) location.hash = target; // the hashchange shows the page
      else window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      status.replaceChildren(errorNotice(error));
    }
  }},
  h('label', {for: 'signin-key'}, 'API key'), input,
  h('p', {class: 'muted'},
    'A provisioning key manages keys and credits and sees the whole account. A standard key sees its own usage, ',
    'read-only, and can call models in the playground. The key stays in this tab only (session storage).'),
  h('button', {type: 'submit'}, 'Sign in'));
  const oauth = h('div', {class: 'panel'},
    h('h2', {}, 'Or sign in through OAuth'),
    h('p', {class: 'muted'}, 'Approve this dashboard on the consent page with a provisioning key: it receives a new ',
      'standard key (PKCE), which sees its own usage and calls models.'),
    h('button', {type: 'button', class: 'secondary', onclick: () => pkce.start()}, 'Sign in with OAuth'));
  return h('section', {class: 'signin'}, h('h1', {}, 'Sign in to Junction'), status, form, oauth);
}
