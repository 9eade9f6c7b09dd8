// "/codes/{system}/{code}?date=": the code on the service date, in words, with its text in force and
// its history; changing the date redraws the answer and the address follows. With "&knownAt=" (an audit)
// every answer is the one CodeUpdates gave at that instant, and the history lists what corrections replaced.
import { h, show, facts, today, isDate } from '../dom.js';
import { api, path, ApiError } from '../api.js';
import { systemName, codeLinks, descriptorName, revisions } from '../codes.js';
import { showError } from '../app.js';

export async function codePage(main, [system, code], params) {
  code = code.toUpperCase();
  const date = isDate(params.get('date')) ? params.get('date') : today();
  // Passed on as given: the API names a bad instant in its refusal, which the page shows.
  const knownAt = params.get('knownAt') || null;
  const asKnown = knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : '';
  const title = `${systemName(system)} ${code}`;
  const answer = h('section', { class: 'answer', 'aria-labelledby': 'answer-heading', 'aria-live': 'polite' });
  const history = h('section', { class: 'history', 'aria-labelledby': 'history-heading' });
  const dateInput = h('input', { id: 'date', name: 'date', type: 'date', value: date, required: true });
  const form = h('form', { class: 'date-form', method: 'get' },
    h('div', { class: 'field' }, h('label', { for: 'date' }, 'Service date'), dateInput),
    h('button', { type: 'submit' }, 'Show'));
  const knownInput = h('input', { id: 'known-at', name: 'knownAt', type: 'datetime-local', step: '1', value: utcInputValue(knownAt) });
  // An audit asks a past state of the whole page: a new instant loads the page at that address.
  const auditForm = h('form', { class: 'date-form audit-form', method: 'get' },
    h('div', { class: 'field' }, h('label', { for: 'known-at' }, 'As known at (UTC)'), knownInput),
    h('button', { type: 'submit' }, 'Show as known then'));
  auditForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!knownInput.value) return;
    window.location.assign(codeUrl(system, code, dateInput.value, new Date(`${knownInput.value}Z`).toISOString()));
  });
  const audit = h('details', { class: 'audit', open: knownAt ? true : null },
    h('summary', {}, 'Audit: what CodeUpdates answered at a past instant'),
    auditForm,
    knownAt ? h('p', {}, h('a', { href: codeUrl(system, code, date, null) }, 'Back to the answer today')) : null);

  const showDate = async (day, push) => {
    if (!isDate(day)) return;
    if (push) history_push(codeUrl(system, code, day, knownAt));
    document.title = `${title} on ${day} · CodeUpdates`;
    try {
      showAnswer(answer, system, await api(`codes/${path(system, code)}?date=${encodeURIComponent(day)}${asKnown}`));
    } catch (error) {
      showError(answer, error);
    }
  };
  // The date field alone updates the answer; the button is there for keyboards and for browsers without a date picker.
  dateInput.addEventListener('change', () => showDate(dateInput.value, true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showDate(dateInput.value, true);
  });

  show(main, h('h1', {}, title), form, audit, answer, history);
  document.title = `${title} on ${date} · CodeUpdates`;
  let first;
  try {
    first = await api(`codes/${path(system, code)}?date=${encodeURIComponent(date)}${asKnown}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      show(answer, h('h2', { id: 'answer-heading' }, 'Not found'),
        h('p', { class: 'error', role: 'alert' }, knownAt ? capitalize(error.detail) : `${code} is in no loaded ${systemName(system)} release.`));
      return;
    }
    throw error;
  }
  showAnswer(answer, system, first);
  showHistory(history, system, await api(`codes/${path(system, code)}/history${knownAt ? `?knownAt=${encodeURIComponent(knownAt)}&include=superseded` : ''}`));
}

function codeUrl(system, code, date, knownAt) {
  const known = knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : '';
  return `/codes/${encodeURIComponent(system)}/${encodeURIComponent(code)}?date=${encodeURIComponent(date)}${known}`;
}

function history_push(url) {
  if (location.pathname + location.search !== url) window.history.pushState({}, '', url);
}

/** An instant (ISO 8601) as a datetime-local field's value in UTC, which the field's label says it is. */
function utcInputValue(knownAt) {
  const at = knownAt ? new Date(knownAt) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString().slice(0, 19) : '';
}

function verdict(a) {
  if (a.valid) return `Valid on ${a.date}`;
  return a.status === 'not-yet-effective' ? `Not yet effective on ${a.date}` : `Not valid on ${a.date}: terminated`;
}

function knownNote(answer) {
  return answer.knownAt
    ? h('p', { class: 'known-at' }, `As CodeUpdates answered at ${answer.knownAt}, from the releases published by then (the last at ${answer.knownAsOf}).`)
    : null;
}

function showAnswer(section, system, a) {
  const replaced = a.replacedBy?.length ? codeLinks(system, a.replacedBy, a.date) : null;
  show(section,
    h('h2', { id: 'answer-heading', class: a.valid ? 'verdict verdict-valid' : 'verdict verdict-invalid' }, verdict(a)),
    knownNote(a),
    h('p', { class: 'reason' }, capitalize(a.reason), '.'),
    facts([
      ['Status', a.status === 'active' ? 'active' : a.status.replaceAll('-', ' ')],
      ['Valid from', a.validFrom],
      ['Valid to', a.validTo ?? 'open (no end date)'],
      ['Last valid day', a.status === 'terminated' ? a.validTo : null],
      ['Replaced by', replaced],
      ['Kind', a.kind],
      ['Text from release', a.release],
    ]),
    h('h3', {}, a.valid ? `Text in force on ${a.date}` : `Text (the nearest version to ${a.date})`),
    descriptors(a.descriptors),
    cmsFields(a));
}

// The CMS record layout's names for the fields a lookup carries; numbered fields (PRICE1..4, LABCERT1..8, TOS1..5) share one.
const cmsFieldLabels = {
  PRICE: 'Pricing indicator',
  MULT_PI: 'Multiple pricing indicator',
  STATUTE: 'Statute number',
  LABCERT: 'Lab certification code',
  COV: 'Coverage code',
  ASC_GRP: 'ASC payment group',
  ASC_DT: 'ASC payment group effective date',
  BETOS: 'Berenson-Eggers type of service (BETOS)',
  TOS: 'Type of service',
};

function cmsFieldLabel(name) {
  const [, base, number] = /^(.*?)(\d*)$/.exec(name);
  const label = cmsFieldLabels[name] ?? cmsFieldLabels[base];
  if (!label) return name;
  return number && !cmsFieldLabels[name] ? `${label} ${number}` : label;
}

// CPT answers carry no cmsFields at all; an HCPCS code whose fields are all blank gets a sentence instead of an empty list.
function cmsFields(a) {
  if (!a.cmsFields) return null;
  const entries = Object.entries(a.cmsFields);
  return [
    h('h3', {}, `CMS fields in force on ${a.date}`),
    entries.length === 0
      ? h('p', { class: 'cms-fields-none' }, 'The release states no CMS fields for this code.')
      : facts(entries.map(([name, value]) => [[cmsFieldLabel(name), ' ', h('span', { class: 'muted' }, `(${name})`)], value]), 'facts cms-fields'),
  ];
}

function descriptors(values) {
  return h('dl', { class: 'descriptors' },
    Object.entries(values ?? {}).map(([key, text]) => [h('dt', {}, descriptorName(key)), h('dd', {}, text)]));
}

function showHistory(section, system, history) {
  const versions = history.versions ?? [];
  show(section,
    h('h2', { id: 'history-heading' }, 'History'),
    h('p', {}, versions.length === 1 ? 'One text since the code was first released.' : `${versions.length} texts, oldest first; changed words are marked.`),
    h('ol', { class: 'timeline' }, versions.map((v, i) => h('li', {},
      h('h3', {}, `${v.start} to ${v.end ?? 'today'}`,
        v.reused ? [' ', h('span', { class: 'badge badge-reused' }, 'reused')] : null),
      v.reused ? h('p', { class: 'reused' }, `CMS reused ${history.code} with a new meaning from ${v.start}: a claim dated before then used the text before.`) : null,
      h('p', { class: 'muted' }, `from the release of ${v.release}`),
      i > 0 && v.changes?.length ? [h('p', {}, 'Changed from the text before:'), revisions(v.changes)] : null,
      i > 0 && !v.changes?.length ? h('p', {}, 'Same text; the release changed other fields.') : null,
      descriptors(v.descriptors)))),
    replacedVersions(history));
}

// Asked with include=superseded (an audit): the versions a correction or a later release replaced by then.
function replacedVersions(history) {
  if (!history.superseded) return null;
  return h('section', { class: 'superseded', 'aria-labelledby': 'superseded-heading' },
    h('h2', { id: 'superseded-heading' }, 'Replaced versions'),
    history.superseded.length === 0
      ? h('p', {}, `Nothing CodeUpdates answered for ${history.code} had been replaced by ${history.knownAt}.`)
      : h('ol', { class: 'timeline' }, history.superseded.map((s) => h('li', {},
        h('h3', {}, `${s.start} to ${s.end ?? 'today'}`),
        h('p', { class: 'muted' },
          `answered from ${s.knownFrom} until ${s.knownTo}, when ${s.closedBy.source} (the release of ${s.closedBy.effective}) replaced it`),
        descriptors(s.descriptors)))));
}

function capitalize(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}
