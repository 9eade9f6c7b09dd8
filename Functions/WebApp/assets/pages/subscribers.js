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

  const reload = async () => {
    try {
      drawList(list, (await api('subscribers')).subscribers ?? [], async (address) => {
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

  show(main,
    h('h1', {}, 'Subscribers'),
    h('p', {}, 'Each address gets the change report mail of the code sets it follows when a release is published.'),
    h('section', { 'aria-labelledby': 'add-heading' }, h('h2', { id: 'add-heading' }, 'Add a subscriber'), form),
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
        s.lastDelivery ? h('p', { class: 'muted' }, `Last delivery: ${delivery(s.lastDelivery)}`) : null,
        h('button', { type: 'button', class: 'secondary', onclick: () => remove(s.email), 'aria-label': `Remove ${s.email}` }, 'Remove'))))
      : h('p', {}, 'Nobody is subscribed yet.'));
}

/** The last report mailed (or tried) to the address: which release, when, and how it went. */
function delivery(d) {
  const outcome = d.detail ? `${d.outcome} (${d.detail})` : d.outcome;
  return [`${systemName(d.system)} ${d.effective}`, dateTime(d.at), outcome].filter(Boolean).join(', ');
}
