// How codes, systems, descriptors and marked words are shown on every page.
import { h, hidden } from './dom.js';

export const systems = [
  { id: 'hcpcs', name: 'HCPCS' },
  { id: 'cpt', name: 'CPT' },
];

export function systemName(id) {
  return systems.find((s) => s.id === id)?.name ?? String(id).toUpperCase();
}

export function codeHref(system, code, date) {
  const query = date ? `?date=${encodeURIComponent(date)}` : '';
  return `/codes/${encodeURIComponent(system)}/${encodeURIComponent(code)}${query}`;
}

/**
 * The system a replacement code belongs to. HCPCS cross-references name Level II codes (a letter and
 * four digits) and CPT codes (five characters ending in a digit, F, T or U); CPT names only CPT codes.
 */
export function replacementSystem(system, code) {
  return system === 'hcpcs' && !/^[A-V]\d{4}$/.test(code) ? 'cpt' : system;
}

export function codeLinks(system, codes, date) {
  const links = [];
  for (const code of codes ?? []) {
    if (links.length) links.push(', ');
    links.push(h('a', { href: codeHref(replacementSystem(system, code), code, date) }, code));
  }
  return links;
}

const descriptorNames = {
  long: 'Long description',
  short: 'Short description',
  medium: 'Medium description',
  consumer: 'Consumer description',
  clinician: 'Clinician description',
};

export function descriptorName(key) {
  return descriptorNames[key] ?? `${key.charAt(0).toUpperCase()}${key.slice(1)} description`;
}

export const statusWords = {
  active: 'valid',
  terminated: 'terminated',
  'not-yet-effective': 'not yet effective',
};

/** A status as a badge: the word carries the meaning, the colour only repeats it. */
export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` }, statusWords[status] ?? status);
}

/** Word runs of a revision: removed words struck out, inserted words underlined, both named for screen readers. */
export function markedWords(words) {
  const runs = [];
  for (const run of words ?? []) {
    if (runs.length) runs.push(' ');
    const change = String(run.change).toLowerCase();
    if (change === 'removed') runs.push(h('del', {}, hidden('removed: '), run.text));
    else if (change === 'inserted') runs.push(h('ins', {}, hidden('inserted: '), run.text));
    else runs.push(run.text);
  }
  return h('span', { class: 'words' }, runs);
}

/** Each revised descriptor with its words marked. */
export function revisions(textRevisions) {
  return h('dl', { class: 'revisions' },
    (textRevisions ?? []).map((r) => [h('dt', {}, descriptorName(r.descriptor)), h('dd', {}, markedWords(r.words))]));
}

/**
 * Links to the whole code set valid on a date, as the API streams it (the search and release pages offer it).
 * Their names differ from the release's own CSV and Excel links, so each link's name says where it leads.
 */
export function codeSetLinks(system, date) {
  const href = (format) => `/api/code-sets/${encodeURIComponent(system)}/${encodeURIComponent(date)}?format=${format}`;
  return h('p', { class: 'downloads code-set-downloads' }, `Download the ${systemName(system)} code set valid on ${date}: `,
    h('a', { href: href('xlsx'), download: '' }, 'workbook (.xlsx)'), ' · ',
    h('a', { href: href('csv'), download: '' }, 'comma-separated text'));
}
