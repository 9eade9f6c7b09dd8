// "/changes?system=&from=&to=[&codes=]": the net change between two service dates, of the whole system or of
// a code list typed or uploaded. A short typed list travels in the address; a long or uploaded one is sent as
// a POST body and lives only as long as the page, so its downloads re-send it.
import { h, show, facts, today, plural } from '../dom.js';
import { api, path, ApiError } from '../api.js';
import { systems, systemName, codeHref, codeLinks, revisions } from '../codes.js';
import { showError } from '../app.js';

// Longer typed lists are posted rather than put in the address, which proxies and browsers cap at a few KB.
const maxCodesInAddress = 1500;

export async function changesPage(main, _, params) {
  const system = params.get('system') || 'hcpcs';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const codes = splitCodes(params.get('codes') ?? '');
  document.title = 'Changes · CodeUpdates';

  const results = h('section', { class: 'span-results', 'aria-labelledby': 'results-heading' });
  const form = changesForm({ system, from, to: to || today(), codes });
  show(main, h('h1', {}, 'Changes between two dates'), form, results);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, results).catch((error) => showError(results, error));
  });

  if (!from && !to) {
    show(results, h('h2', { id: 'results-heading' }, 'Changes'),
      h('p', {}, 'Choose the two service dates; add a code list to see what became of each of your codes.'));
    return;
  }

  try {
    await drawGet(results, system, from, to, codes);
  } catch (error) {
    showError(results, error);
  }
}

function changesForm({ system, from, to, codes }) {
  return h('form', { class: 'span-form', method: 'get', action: '/changes', 'aria-label': 'Changes between two dates' },
    h('div', { class: 'field' },
      h('label', { for: 'system' }, 'Code set'),
      h('select', { id: 'system', name: 'system' }, systems.map((s) => h('option', { value: s.id, selected: s.id === system }, s.name)))),
    h('div', { class: 'field' },
      h('label', { for: 'from' }, 'From service date'),
      h('input', { id: 'from', name: 'from', type: 'date', value: from, required: true })),
    h('div', { class: 'field' },
      h('label', { for: 'to' }, 'To service date'),
      h('input', { id: 'to', name: 'to', type: 'date', value: to, required: true })),
    h('div', { class: 'field field-wide' },
      h('label', { for: 'codes' }, 'Your codes (optional: one a line, or commas)'),
      h('textarea', { id: 'codes', name: 'codes', rows: 3, autocomplete: 'off', spellcheck: 'false' }, codes.join('\n'))),
    h('div', { class: 'field field-wide' },
      h('label', { for: 'code-file' }, 'Or a CSV of your codes (a column named code, or the first column)'),
      h('input', { id: 'code-file', type: 'file', accept: '.csv,.txt,text/csv,text/plain' })),
    h('button', { type: 'submit' }, 'Show changes'));
}

/** A typed list short enough goes in the address (the page reloads to it); a file or a long list is posted. */
async function submit(form, results) {
  const system = form.elements.system.value;
  const from = form.elements.from.value;
  const to = form.elements.to.value;
  const codes = splitCodes(form.elements.codes.value);
  const file = form.elements['code-file'].files[0];
  const next = new URLSearchParams({ system, from, to });
  const joined = codes.join(',');
  if (!file && joined.length <= maxCodesInAddress) {
    if (joined) next.set('codes', joined);
    location.assign(`/changes?${next}`);
    return;
  }

  // The address keeps the span only: a reload shows the whole system's changes, as the page says.
  window.history.replaceState({}, '', `/changes?${next}`);
  const body = file ?? codes.join('\n');
  const contentType = file && !/\.txt$/i.test(file.name) ? 'text/csv' : 'text/plain';
  const source = file ? `the uploaded file ${file.name}` : 'the typed list';
  show(results, h('h2', { id: 'results-heading' }, 'Changes'), h('p', {}, 'Loading…'));
  const query = new URLSearchParams({ from, to });
  const data = await api(`changes/${path(system)}?${query}`, { method: 'POST', body, contentType });
  drawResults(results, data, {
    note: `The code list is ${source}: it is not in the address, so reloading shows every change of the span. The downloads below send the list again while this page stays open.`,
    downloads: ['csv', 'xlsx'].map((format) => postedDownload(system, query, format, body, contentType)),
  });
}

async function drawGet(results, system, from, to, codes) {
  show(results, h('h2', { id: 'results-heading' }, 'Changes'), h('p', {}, 'Loading…'));
  const query = new URLSearchParams({ from, to });
  if (codes.length) query.set('codes', codes.join(','));
  const data = await api(`changes/${path(system)}?${query}`);
  const link = (format) => h('a', { href: `/api/changes/${path(system)}?${query}&format=${format}`, download: '' }, formatName(format));
  drawResults(results, data, { downloads: [link('csv'), link('xlsx')] });
}

/** A download of a posted list: the same body again with format=, saved from a Blob (the CSP allows blob: downloads as navigations). */
function postedDownload(system, query, format, body, contentType) {
  const button = h('button', { type: 'button', class: 'secondary' }, formatName(format));
  const status = h('span', { role: 'status', class: 'muted' });
  button.addEventListener('click', async () => {
    status.textContent = 'Preparing…';
    try {
      const response = await fetch(`/api/changes/${path(system)}?${query}&format=${format}`, { method: 'POST', headers: { 'content-type': contentType }, body });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? '');
      }
      const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${system}-changes.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const save = h('a', { href: url, download: name, hidden: true });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = '';
    } catch (error) {
      status.textContent = error instanceof ApiError ? `${error.title}${error.detail ? ` — ${error.detail}` : ''}` : String(error?.message ?? error);
    }
  });
  return [button, ' ', status];
}

function drawResults(results, data, { note, downloads }) {
  const listed = 'unchanged' in data.counts;
  const summary = `${systemName(data.system)} from ${data.from} to ${data.to}${listed ? `: ${plural(data.changes.length, 'listed code')}` : `: ${plural(data.changes.length, 'change')}`}.`;
  show(results,
    h('h2', { id: 'results-heading' }, 'Changes'),
    h('p', { role: 'status' }, summary),
    note ? h('p', { class: 'note' }, note) : null,
    h('ul', { class: 'summary', 'aria-label': 'Counts' },
      Object.entries(data.counts).map(([change, count]) => h('li', { class: `count count-${change}` }, h('strong', {}, count.toLocaleString('en-US')), ` ${change}`))),
    h('p', { class: 'span-releases' }, data.releases.length
      ? `Releases in the span: ${data.releases.join(', ')}.`
      : 'No loaded release takes effect in the span.'),
    h('p', { class: 'downloads' }, 'Download what is shown: ', downloads.flatMap((d, i) => (i ? [' · ', d] : [d]))),
    data.changes.length
      ? h('ol', { class: 'change-list span-changes' }, data.changes.map((c) => changeRow(data.system, data.to, c)))
      : h('p', {}, 'Nothing changed between the two dates.'));
}

function changeRow(system, to, c) {
  const side = c.after ?? c.before;
  return h('li', { 'data-change': c.change },
    h('p', {},
      h('a', { class: 'code', href: codeHref(system, c.code, to) }, c.code), ' ',
      h('span', { class: `badge badge-change badge-${c.change}` }, c.change), ' ',
      c.change === 'unknown' ? 'No loaded release has this code.' : side?.longDescription ?? ''),
    c.change === 'revised' ? revisions(c.revisions) : null,
    c.change === 'deleted'
      ? facts([
        ['Last valid day', c.validTo],
        ['Replaced by', c.replacedBy?.length ? codeLinks(system, c.replacedBy, to) : null],
      ], 'facts facts-inline')
      : null);
}

function splitCodes(text) {
  return text.split(/[\s,;]+/).map((code) => code.trim()).filter(Boolean);
}

function formatName(format) {
  return format === 'xlsx' ? 'Excel (.xlsx)' : 'CSV';
}
