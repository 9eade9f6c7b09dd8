// "/" and "/search?system=&q=&date=&status=&offset=": codes whose code starts with the query or whose
// text in force on the date has every word of it (the API's search rule), valid ones unless asked.
import { h, show, today, isDate, plural } from '../dom.js';
import { api, path } from '../api.js';
import { systems, systemName, codeHref, statusBadge, codeSetLinks } from '../codes.js';

const pageSize = 50;

/** The search form: a plain GET form to /search, so Enter in any field searches. */
export function searchForm({ system = 'hcpcs', q = '', date = today(), any = false, autofocus = false } = {}) {
  return h('form', { class: 'search', method: 'get', action: '/search', role: 'search' },
    h('div', { class: 'field field-wide' },
      h('label', { for: 'q' }, 'Code or words'),
      h('input', { id: 'q', name: 'q', type: 'search', value: q, autocomplete: 'off', autofocus, placeholder: 'E0114 or wheelchair' })),
    h('div', { class: 'field' },
      h('label', { for: 'system' }, 'Code set'),
      h('select', { id: 'system', name: 'system' },
        systems.map((s) => h('option', { value: s.id, selected: s.id === system }, s.name)))),
    h('div', { class: 'field' },
      h('label', { for: 'date' }, 'Service date'),
      h('input', { id: 'date', name: 'date', type: 'date', value: date, required: true })),
    h('div', { class: 'field field-check' },
      h('input', { id: 'status', name: 'status', type: 'checkbox', value: 'any', checked: any }),
      h('label', { for: 'status' }, 'Include codes not valid on that date')),
    h('button', { type: 'submit' }, 'Search'));
}

export async function searchPage(main, _, params) {
  const system = params.get('system') || 'hcpcs';
  const q = params.get('q') ?? '';
  const date = isDate(params.get('date')) ? params.get('date') : today();
  const any = params.get('status') === 'any';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);

  document.title = q ? `${q} · Search · CodeUpdates` : 'Search · CodeUpdates';
  const results = h('section', { 'aria-labelledby': 'results-heading' }, h('h2', { id: 'results-heading' }, 'Results'), h('p', {}, 'Searching…'));
  show(main, h('h1', {}, 'Search codes'), searchForm({ system, q, date, any }), results);

  const query = new URLSearchParams({ q, date, status: any ? 'any' : 'valid', offset: String(offset), count: String(pageSize) });
  const page = await api(`codes/${path(system)}?${query}`);
  const scope = any ? `${systemName(system)} codes of any status on ${date}` : `${systemName(system)} codes valid on ${date}`;
  const summary = page.total === 0
    ? `No ${scope} match “${q}”.`
    : `${plural(page.total, 'match', 'matches')} among ${scope}${q ? ` for “${q}”` : ''}; showing ${offset + 1}–${offset + page.items.length}.`;

  show(results,
    h('h2', { id: 'results-heading' }, 'Results'),
    h('p', { role: 'status' }, summary),
    codeSetLinks(system, date),
    page.items.length ? h('ol', { class: 'results', start: offset + 1 }, page.items.map((item) => resultRow(item, date))) : null,
    pager(params, offset, page.total));
}

function resultRow(item, date) {
  return h('li', {},
    h('p', { class: 'result-head' },
      h('a', { href: codeHref(item.system, item.code, date), class: 'code' }, item.code), ' ', statusBadge(item.status)),
    h('p', { class: 'result-text' }, item.longDescription ?? ''),
    item.shortDescription ? h('p', { class: 'result-short' }, h('span', { class: 'visually-hidden' }, 'Short description: '), item.shortDescription) : null,
    h('p', { class: 'result-dates' }, `valid ${item.validFrom} to ${item.validTo ?? 'open'}`));
}

function pager(params, offset, total) {
  if (total <= pageSize) return null;
  const link = (to, text, rel) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(to));
    return h('a', { href: `/search?${next}`, rel }, text);
  };
  return h('nav', { class: 'pager', 'aria-label': 'Result pages' },
    offset > 0 ? link(Math.max(0, offset - pageSize), 'Previous 50', 'prev') : null,
    h('span', {}, `Page ${Math.floor(offset / pageSize) + 1} of ${Math.ceil(total / pageSize)}`),
    offset + pageSize < total ? link(offset + pageSize, 'Next 50', 'next') : null);
}
