// Who is signed in. The key lives in this tab's session storage only: closing the tab signs out, and nothing is
// written to local storage or cookies.

const KEY = 'junction.key';
const PROFILE = 'junction.profile';
const PLAYGROUND_KEY = 'junction.playgroundKey';

export function key() {
  return sessionStorage.getItem(KEY);
}

/** {label, provisioning, name} of the signed-in key, as /api/v1/key described it at sign-in. */
export function profile() {
  const raw = sessionStorage.getItem(PROFILE);
  return raw ? JSON.parse(raw) : null;
}

export function isProvisioning() {
  return profile()?.provisioning === true;
}

/** Checks the key with the gateway, then keeps it. Throws the API's error when the key is refused. */
export async function signIn(candidate) {
  const res = await fetch('/api/v1/key', {headers: {Authorization: 'Bearer ' + candidate}});
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(body?.error?.message ?? `The gateway refused the key (HTTP ${res.status})`);
  }
  sessionStorage.setItem(KEY, candidate);
  sessionStorage.setItem(PROFILE, JSON.stringify({
    label: body.data.label, provisioning: body.data.is_provisioning_key === true,
  }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(PROFILE);
  sessionStorage.removeItem(PLAYGROUND_KEY);
}

/** The standard key the playground calls models with: the signed-in one, or one kept for the playground. */
export function playgroundKey() {
  return isProvisioning() ? sessionStorage.getItem(PLAYGROUND_KEY) : key();
}

export function setPlaygroundKey(secret) {
  sessionStorage.setItem(PLAYGROUND_KEY, secret);
}
