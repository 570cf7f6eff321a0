// Building DOM without markup: every value goes in as a text node or an attribute, never as HTML, so data from the
// API (names, titles, model answers) can only ever show as text.

/**
 * h('button', {class: 'danger', onclick: fn, 'aria-label': 'Delete'}, 'Delete', child...)
 * Props starting with "on" are event listeners; `hidden`, `disabled`, `checked`, `selected`, `value` are set as
 * properties; anything else is an attribute. Children are nodes, strings (text), numbers, or arrays of those;
 * null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (['hidden', 'disabled', 'checked', 'selected', 'value', 'open'].includes(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside `el` with `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A table: `columns` are {label, num?, narrow?}, `rows` arrays of cells (nodes or text), `rowProps` per row. */
export function table(columns, rows, rowProps = () => ({})) {
  const cls = (c) => [c.num ? 'num' : '', c.narrow ? 'hide-narrow' : ''].filter(Boolean).join(' ') || null;
  return h('div', {class: 'table-wrap'},
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col', class: cls(c)}, c.label)))),
      h('tbody', {}, rows.map((cells, i) => h('tr', rowProps(i),
        cells.map((cell, j) => h('td', {class: cls(columns[j])}, cell)))))));
}

/** A labelled form control. */
export function field(label, control, props = {}) {
  return h('label', props, label, control);
}

export function select(name, options, current, props = {}) {
  return h('select', {name, ...props}, options.map(([value, label]) =>
    h('option', {value, selected: value === current}, label)));
}

/** A short message at the bottom of the screen, read out by screen readers. */
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 2500);
}

/** An error as a notice, with the API's message. */
export function errorNotice(error) {
  return h('div', {class: 'notice error', role: 'alert'}, error?.message ?? String(error));
}
