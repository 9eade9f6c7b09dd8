// "/subscribers" (admin): who gets the change report mail of which code sets; add and remove.
import { h, show, dateTime } from '../dom.js';
import { api, path } from '../api.js';
import { systems, systemName } from '../codes.js';
import { showError } from '../app.js';

export async function subscribersPage(main) {
  document.title = 'Subscribers · CodeUpdates';
  const list = h('section', { 'aria-labelledby': 'list-heading' });
  const status = h('p', { role: 'status', class: 'muted' });
  const email = h('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'off', placeholder: 'coder@example.org' });
  const boxes = systems.map((s) => h('input', { id: `follow-${s.id}`, type: 'checkbox', value: s.id, checked: s.id === 'hcpcs' }));
  const form = h('form', { class: 'subscribe' },
    h('div', { class: 'field field-wide' }, h('label', { for: 'email' }, 'Mail address'), email),
    h('fieldset', {}, h('legend', {}, 'Code sets followed'),
      systems.map((s, i) => h('div', { class: 'field-check' }, boxes[i], h('label', { for: `follow-${s.id}` }, s.name)))),
    h('button', { type: 'submit' }, 'Add or update'));

  // A code list, uploaded as the file is: the server reads it (CodeList), this page never parses it.
  const holder = h('select', { id: 'list-email', name: 'list-email', required: true });
  const file = h('input', { id: 'list-file', name: 'list-file', type: 'file', required: true, accept: '.csv,.txt,text/csv,text/plain' });
  const listForm = h('form', { class: 'subscribe' },
    h('div', { class: 'field field-wide' }, h('label', { for: 'list-email' }, 'Subscriber'), holder),
    h('div', { class: 'field field-wide' }, h('label', { for: 'list-file' }, 'Code list (CSV with a code column, or one code a line)'), file),
    h('button', { type: 'submit' }, 'Upload code list'));

  const reload = async () => {
    try {
      const subscribers = (await api('subscribers')).subscribers ?? [];
      const chosen = holder.value;
      show(holder, subscribers.length
        ? subscribers.map((s) => h('option', { value: s.email, selected: s.email === chosen }, s.email))
        : h('option', { value: '' }, 'Nobody is subscribed yet'));
      drawList(list, subscribers, async (address) => {
        await api(`subscribers/${path(address)}`, { method: 'DELETE' });
        status.textContent = `${address} removed.`;
        await reload();
      });
    } catch (error) {
      showError(list, error);
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const followed = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!followed.length) {
      status.textContent = 'Choose at least one code set.';
      return;
    }
    try {
      await api(`subscribers/${path(email.value.trim())}`, { method: 'PUT', body: { systems: followed } });
      status.textContent = `${email.value.trim()} follows ${followed.map(systemName).join(' and ')}.`;
      email.value = '';
      await reload();
    } catch (error) {
      status.textContent = error.message;
    }
  });

  listForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!holder.value || !chosen) {
      status.textContent = 'Choose a subscriber and a file.';
      return;
    }
    const type = /\.csv$/i.test(chosen.name) || chosen.type === 'text/csv' ? 'text/csv' : 'text/plain';
    try {
      const saved = await api(`subscribers/${path(holder.value)}/codes`, { method: 'PUT', body: chosen, contentType: type });
      status.textContent = `${saved.email} keeps ${codeCount(saved.codeCount)}.`;
      file.value = '';
      await reload();
    } catch (error) {
      status.textContent = error.message;
    }
  });

  show(main,
    h('h1', {}, 'Subscribers'),
    h('p', {}, 'Each address gets the change report mail of the code sets it follows when a release is published.'),
    h('section', { 'aria-labelledby': 'add-heading' }, h('h2', { id: 'add-heading' }, 'Add a subscriber'), form),
    h('section', { 'aria-labelledby': 'codes-heading' }, h('h2', { id: 'codes-heading' }, 'Upload a code list'),
      h('p', {}, 'A subscriber with a code list gets mails that lead with the changes to their codes, then the whole report.'),
      listForm),
    status,
    list);
  await reload();
}

function drawList(section, subscribers, remove) {
  show(section,
    h('h2', { id: 'list-heading' }, `Subscribed (${subscribers.length})`),
    subscribers.length
      ? h('ul', { class: 'cards' }, subscribers.map((s) => h('li', { class: 'card' },
        h('h3', {}, s.email),
        h('p', {}, `Follows ${(s.systems ?? []).map(systemName).join(', ')}`),
        s.codeCount ? h('p', {}, `Code list: ${codeCount(s.codeCount)}`) : null,
        s.lastDelivery ? h('p', { class: 'muted' }, `Last delivery: ${delivery(s.lastDelivery)}`) : null,
        h('button', { type: 'button', class: 'secondary', onclick: () => remove(s.email), 'aria-label': `Remove ${s.email}` }, 'Remove'))))
      : h('p', {}, 'Nobody is subscribed yet.'));
}

/** The last report mailed (or tried) to the address: which release, when, and how it went. */
function delivery(d) {
  const outcome = d.detail ? `${d.outcome} (${d.detail})` : d.outcome;
  return [`${systemName(d.system)} ${d.effective}`, dateTime(d.at), outcome].filter(Boolean).join(', ');
}

function codeCount(n) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'code' : 'codes'}`;
}
