// Automations: enable/disable, run now, and each run's trace rendered generically (whatever fields
// the run record has, nested lists as steps), so richer traces show without a dashboard change.
import {el, time, when, showError} from './dom.js';
import {get, post} from './api.js';

let openTrace = null;

export async function loadAutomations() {
  const body = await get('/api/automations');
  const list = document.getElementById('automations');
  list.replaceChildren(...body.automations.map(row));
  if (openTrace) await showRuns(openTrace);
}

/** A run arrived on the live stream: refresh the list (counts) and the open trace. */
export function onAutomationRun(run) {
  if (!document.getElementById('page-automations').hidden) loadAutomations().catch(e => showError(e.message));
}

function row(a) {
  return el('article', {class: 'automation' + (a.enabled ? '' : ' disabled'), id: 'automation-' + a.id, dataset: {automation: a.id}},
      el('header', {},
          el('h3', {text: a.id}),
          el('label', {class: 'switch'},
              el('input', {type: 'checkbox', class: 'enabled', checked: a.enabled,
                onchange: e => control(a.id, e.target.checked ? 'enable' : 'disable')}),
              ' enabled')),
      a.description ? el('p', {class: 'description', text: a.description}) : null,
      el('p', {class: 'meta', text: a.runs + (a.runs === 1 ? ' run' : ' runs') + ' · last triggered ' + when(a.lastTriggered) + (a.source ? ' · ' + a.source : '')}),
      el('div', {class: 'actions'},
          el('button', {type: 'button', class: 'trigger', text: 'Run now', onclick: () => control(a.id, 'trigger')}),
          el('button', {type: 'button', class: 'quiet show-trace', text: 'Traces', onclick: () => toggleRuns(a.id)})),
      el('div', {class: 'runs', id: 'runs-' + a.id}));
}

async function control(id, action) {
  try {
    await post('/api/automations/' + encodeURIComponent(id) + '/' + action);
    await loadAutomations();
  } catch (e) {
    showError(id + ': ' + e.message);
  }
}

async function toggleRuns(id) {
  if (openTrace === id) {
    openTrace = null;
    document.getElementById('runs-' + id).replaceChildren();
    return;
  }
  if (openTrace) document.getElementById('runs-' + openTrace)?.replaceChildren();
  openTrace = id;
  await showRuns(id).catch(e => showError(e.message));
}

async function showRuns(id) {
  const box = document.getElementById('runs-' + id);
  if (!box) return;
  const body = await get('/api/automations/' + encodeURIComponent(id) + '/runs?limit=20');
  if (!body.runs.length) {
    box.replaceChildren(el('p', {class: 'hint', text: 'No runs yet.'}));
    return;
  }
  box.replaceChildren(el('ol', {class: 'trace-list'}, body.runs.map(trace)));
}

function trace(run) {
  const {automation, at, outcome, ...rest} = run;
  return el('li', {class: 'trace ' + (outcome || '')},
      el('p', {class: 'trace-head'}, el('strong', {text: time(at)}), ' ', el('span', {class: 'outcome', text: (outcome || '').replaceAll('_', ' ')})),
      fields(rest));
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Any value as readable nested lists: objects as "key: value" lines, arrays as numbered steps. */
function fields(value, key = '') {
  if (Array.isArray(value)) {
    if (!value.length) return el('span', {class: 'empty', text: 'none'});
    return el('ol', {class: 'steps'}, value.map(v => el('li', {class: 'step'}, fields(v))));
  }
  if (value !== null && typeof value === 'object') {
    return el('dl', {class: 'fields'}, Object.entries(value).flatMap(([k, v]) =>
        [el('dt', {text: k.replaceAll('_', ' ')}), el('dd', {}, fields(v, k))]));
  }
  return el('span', {text: scalar(value, key)});
}

function scalar(value, key) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && INSTANT.test(value)) return time(value);
  if (typeof value === 'number' && /millis$/i.test(key)) return value + ' ms';
  return String(value);
}
