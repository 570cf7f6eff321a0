// Signing in through OAuth PKCE, as any app does: the consent page (/auth) takes a provisioning key, sends the
// browser back here with a code, and the code with its verifier buys a new standard key for this dashboard.

const VERIFIER = 'junction.pkceVerifier';

function base64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function callbackUrl() {
  return location.origin + '/dashboard/';
}

/** Sends the browser to the consent page. */
export async function start() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  let challenge = verifier;
  let method = 'plain';
  // SubtleCrypto exists only in secure contexts (https, or this machine); elsewhere the plain method is all there is.
  if (crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    challenge = base64url(new Uint8Array(digest));
    method = 'S256';
  }
  const q = new URLSearchParams({callback_url: callbackUrl(), code_challenge: challenge, code_challenge_method: method});
  location.assign('/auth?' + q.toString());
}

/** The code the consent page sent back, if this page load is that return. */
export function returnedCode() {
  return new URLSearchParams(location.search).get('code');
}

/** Exchanges the code for a key; removes the code from the address bar. */
export async function finish(code) {
  const verifier = sessionStorage.getItem(VERIFIER);
  sessionStorage.removeItem(VERIFIER);
  history.replaceState(null, '', location.pathname + location.hash);
  const res = await fetch('/api/v1/auth/keys', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({code, code_verifier: verifier ?? ''}),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `The code was refused (HTTP ${res.status})`);
  return body.key;
}
