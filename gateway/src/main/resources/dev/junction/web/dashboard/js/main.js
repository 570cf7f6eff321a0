// The dashboard's shell: sign-in state, navigation, the theme, and a page per address (#/keys, #/generations/…).
// Each page is a module with `title` and `render(params)`, loaded when first visited.
import {h, replace, errorNotice} from './dom.js';
import * as session from './session.js';
import * as pkce from './pkce.js';
import {ApiError} from './api.js';

const PAGES = [
  {path: 'overview', label: 'Overview', module: './page-overview.js'},
  {path: 'activity', label: 'Activity', module: './page-activity.js'},
  {path: 'generations', label: 'Generations', module: './page-generations.js'},
  {path: 'keys', label: 'Keys', module: './page-keys.js', provisioningOnly: true},
  {path: 'models', label: 'Models', module: './page-models.js'},
  {path: 'playground', label: 'Playground', module: './page-playground.js'},
  {path: 'health', label: 'Health', module: './page-health.js'},
];
const DETAIL = {path: 'generation', module: './page-generation.js'};
const SIGN_IN = {path: 'signin', module: './page-signin.js'};

const main = document.getElementById('main');

function route() {
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return {path: path || 'overview', params: rest.map(decodeURIComponent)};
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const signout = document.getElementById('signout');
  const profile = session.profile();
  if (!profile) {
    replace(nav);
    who.textContent = '';
    signout.hidden = true;
    return;
  }
  const visible = PAGES.filter((p) => !p.provisioningOnly || profile.provisioning);
  replace(nav, visible.map((p) => h('a', {href: '#/' + p.path, 'aria-current': p.path === current ? 'page' : null}, p.label)));
  who.textContent = (profile.provisioning ? 'Provisioning key' : 'Standard key (read-only)') + ' · ' + profile.label;
  signout.hidden = false;
}

async function show() {
  const {path, params} = route();
  const signedIn = session.key() !== null;
  const page = !signedIn ? SIGN_IN
    : path === DETAIL.path ? DETAIL
    : PAGES.find((p) => p.path === path && (!p.provisioningOnly || session.isProvisioning())) ?? PAGES[0];
  renderNav(page === DETAIL ? 'generations' : page.path);
  try {
    const module = await import(page.module);
    document.title = module.title + ' · Junction';
    const content = await module.render(params);
    // A later navigation may have finished first; only the current address's page is shown.
    if (route().path === path || !signedIn) replace(main, content);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && signedIn) {
      session.signOut();
      sessionStorage.setItem('junction.signinMessage', 'Your key was refused (' + error.message + '). Sign in again.');
      return show();
    }
    replace(main, h('h1', {}, 'Something went wrong'), errorNotice(error));
  }
}

function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

document.getElementById('theme').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark'
    : matchMedia('(prefers-color-scheme: dark)').matches;
  const next = dark ? 'light' : 'dark';
  localStorage.setItem('junction.theme', next);
  applyTheme(next);
  window.dispatchEvent(new Event('themechange'));
});

document.getElementById('signout').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/overview';
  show();
});

window.addEventListener('hashchange', () => {
  show().then(() => main.focus({preventScroll: true}));
});

applyTheme(localStorage.getItem('junction.theme'));

const code = pkce.returnedCode();
if (code) {
  pkce.finish(code)
    .then((key) => session.signIn(key))
    .catch((error) => sessionStorage.setItem('junction.signinMessage', 'OAuth sign-in failed: ' + error.message))
    .finally(show);
} else {
  show();
}
