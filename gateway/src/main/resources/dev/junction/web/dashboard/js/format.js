// Numbers, money and times as people read them. Money arrives as exact decimal numbers of USD.

const integer = new Intl.NumberFormat('en-US');

export function usd(value) {
  const n = Number(value ?? 0);
  if (n === 0) return '$0';
  const abs = Math.abs(n);
  // Small amounts keep their significant digits: a request often costs a fraction of a cent.
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return (n < 0 ? '-$' : '$') + abs.toFixed(digits).replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1');
}

export function count(value) {
  return integer.format(Number(value ?? 0));
}

export function tokens(value) {
  const n = Number(value ?? 0);
  if (n >= 1e6) return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1) + 'M';
  if (n >= 1e4) return (n / 1e3).toFixed(0) + 'k';
  return integer.format(n);
}

export function millis(value) {
  if (value === null || value === undefined) return '–';
  const n = Number(value);
  return n >= 10000 ? (n / 1000).toFixed(1) + ' s' : integer.format(Math.round(n)) + ' ms';
}

/** A USD price per token as the price of a million tokens. */
export function perMillion(price) {
  const n = Number(price);
  if (!Number.isFinite(n) || n < 0) return '–';
  if (n === 0) return 'free';
  return usd(n * 1e6);
}

export function dateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

/** A bucket's label: a UTC day as "Mar 4", a UTC hour as "14:00". */
export function bucketLabel(iso, interval) {
  const d = new Date(iso);
  return interval === 'hour'
    ? String(d.getUTCHours()).padStart(2, '0') + ':00'
    : d.toLocaleDateString('en-US', {month: 'short', day: 'numeric', timeZone: 'UTC'});
}

/** A percentage the API gives as 0–100. */
export function percent(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(1) + '%';
}

export function shortHash(hash) {
  return hash ? hash.slice(0, 10) + '…' : '–';
}
