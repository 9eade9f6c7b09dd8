// Elements are built from data with text nodes only: no text from the API ever passes through an
// HTML parser, so a description holding "<script>" shows as those characters (the CSP is the second wall).

/** h('a', { href: '/x' }, 'text', child) — attributes set one by one, children appended as nodes or text. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces every child of the element. */
export function show(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** A definition list from [term, description] pairs; pairs with no description are left out. */
export function facts(pairs, className) {
  return h('dl', { class: className ?? 'facts' },
    pairs.filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/** Text for screen readers only (for example "removed:" before struck-out words). */
export function hidden(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

/** Today's date where the reader is, as yyyy-MM-dd. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isDate(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A date and time from the API (ISO 8601, UTC) as the reader's local yyyy-MM-dd HH:mm. */
export function dateTime(value) {
  if (!value) return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function plural(count, one, many) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many ?? one + 's'}`;
}
