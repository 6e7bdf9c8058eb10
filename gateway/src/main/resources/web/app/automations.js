// Automations: enable/disable, run now, edit the file, and traces a person can read: the runs of an automation
// grouped (consecutive runs with the same reason folded into one line with a count), the reason first, then, on
// click, one run's timeline: trigger, conditions with the values seen, each step with its offset and duration.
import {el, when, time, duration, showError} from './dom.js';
import {get, post} from './api.js';
import {openEditor} from './editor.js';

const RUNS = 50;
let openTrace = null;

export async function loadAutomations() {
  const body = await get('/api/automations');
  const list = document.getElementById('automations');
  list.replaceChildren(...body.automations.map(row));
  if (openTrace) await showRuns(openTrace);
}

/** A run arrived on the live stream: refresh the list (counts) and the open trace. */
export function onAutomationRun() {
  if (!document.getElementById('page-automations').hidden) loadAutomations().catch(e => showError(e.message));
}

function row(a) {
  return el('article', {class: 'automation' + (a.enabled ? '' : ' disabled'), id: 'automation-' + a.id, dataset: {automation: a.id}},
      el('header', {},
          el('h3', {text: a.id}),
          el('label', {class: 'switch'},
              el('input', {type: 'checkbox', class: 'enabled', checked: a.enabled, 'aria-label': a.id + ' enabled',
                onchange: e => control(a.id, e.target.checked ? 'enable' : 'disable')}),
              ' enabled')),
      a.description ? el('p', {class: 'description', text: a.description}) : null,
      el('p', {class: 'meta', text: a.runs + (a.runs === 1 ? ' run' : ' runs') + ' · last triggered ' + when(a.lastTriggered) + (a.source ? ' · ' + shortSource(a.source) : '')}),
      el('div', {class: 'actions'},
          el('button', {type: 'button', class: 'trigger', text: 'Run now', 'aria-label': 'Run ' + a.id + ' now', onclick: () => control(a.id, 'trigger')}),
          el('button', {type: 'button', class: 'quiet show-trace', text: 'Traces', 'aria-expanded': openTrace === a.id ? 'true' : 'false',
            'aria-controls': 'runs-' + a.id, onclick: () => toggleRuns(a.id)}),
          a.source ? el('button', {type: 'button', class: 'quiet edit-file', text: 'Edit file', onclick: () => openEditor(fileOf(a.source))}) : null),
      el('div', {class: 'runs', id: 'runs-' + a.id}));
}

/** "/etc/hearth/automations/hallway.yaml:3" → "hallway.yaml:3". */
function shortSource(source) {
  return source.split(/[\\/]/).pop();
}

/** "/etc/hearth/automations/hallway.yaml:3" → "hallway.yaml". */
function fileOf(source) {
  return source.replace(/:\d+(:\d+)?$/, '').split(/[\\/]/).pop();
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
  const opened = new Set([...box.querySelectorAll('[aria-expanded=true][data-key]')].map(b => b.dataset.key));
  const body = await get('/api/automations/' + encodeURIComponent(id) + '/runs?limit=' + RUNS);
  if (!body.runs.length) {
    box.replaceChildren(el('p', {class: 'hint', text: 'No runs yet.'}));
    return;
  }
  // The newest run is open when the traces are first shown: the usual question is about the last one.
  if (!box.children.length) opened.add(key(body.runs[0]));
  box.replaceChildren(el('ol', {class: 'run-groups'}, groups(body.runs).map(g => group(g, opened))));
}

function key(run) {
  return 'run-' + run.at;
}

/** Consecutive runs (newest first) with the same outcome and reason: one group. */
function groups(runs) {
  const out = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && last.outcome === run.outcome && last.reason === run.reason) last.runs.push(run);
    else out.push({outcome: run.outcome, reason: run.reason || run.outcome, runs: [run]});
  }
  return out;
}

function group(g, opened) {
  const newest = g.runs[0];
  const oldest = g.runs[g.runs.length - 1];
  const many = g.runs.length > 1;
  const items = el('ol', {class: 'group-runs'});
  const head = el('button', {type: 'button', class: 'run-group-head', dataset: {key: 'group-' + newest.at}},
      many ? el('span', {class: 'count', text: '×' + g.runs.length}) : null,
      el('span', {class: 'reason', text: g.reason}),
      el('span', {class: 'when', text: many ? when(oldest.at) + ' – ' + time(newest.at) : when(newest.at)}));
  const node = el('li', {class: 'run-group ' + (g.outcome || '')}, head, items);
  const expand = open => {
    head.setAttribute('aria-expanded', open ? 'true' : 'false');
    items.hidden = !open;
    items.replaceChildren(...(open ? g.runs.map(r => run(r, opened, !many)) : []));
  };
  head.addEventListener('click', () => expand(head.getAttribute('aria-expanded') !== 'true'));
  expand(opened.has(head.dataset.key) || g.runs.some(r => opened.has(key(r))));
  return node;
}

/** One run: its time and trigger; on click its timeline. A group of one shows the timeline at once. */
function run(r, opened, only) {
  const detail = el('div', {class: 'trace ' + (r.outcome || '')});
  const head = el('button', {type: 'button', class: 'run-head quiet', dataset: {key: key(r)}},
      el('time', {datetime: r.at, text: time(r.at)}), ' ', el('span', {class: 'trigger', text: r.trigger || ''}));
  const show = open => {
    head.setAttribute('aria-expanded', open ? 'true' : 'false');
    detail.hidden = !open;
    detail.replaceChildren(...(open ? timeline(r) : []));
  };
  head.addEventListener('click', () => show(head.getAttribute('aria-expanded') !== 'true'));
  show(only || opened.has(key(r)));
  return el('li', {class: 'run'}, only ? null : head, detail);
}

/** Trigger, conditions (✓/✗ with the values seen), steps at their offset from the start with their durations. */
function timeline(r) {
  const start = Date.parse(r.at);
  const at = iso => '+' + duration(Math.max(0, Date.parse(iso) - start));
  const rows = [el('li', {class: 'tl trigger'}, el('span', {class: 'offset', text: time(r.at)}), el('span', {text: 'triggered by ' + (r.trigger || 'hand')}))];
  for (const d of r.details || []) {
    const failed = /(^|\s)failed: /.test(d);
    rows.push(el('li', {class: 'tl detail ' + (failed ? 'failed' : 'passed')}, el('span', {class: 'offset', text: failed ? '✗' : '✓'}), el('span', {text: d})));
  }
  for (const s of r.steps || []) {
    rows.push(el('li', {class: 'tl step ' + (s.outcome === 'ok' ? 'ok' : 'not-ok')}, el('span', {class: 'offset', text: at(s.at)}),
        el('span', {text: s.action}), el('span', {class: 'step-outcome', text: s.outcome + (s.millis ? ' · ' + duration(s.millis) : '')})));
  }
  const total = r.finished ? Date.parse(r.finished) - start : 0;
  rows.push(el('li', {class: 'tl end'}, el('span', {class: 'offset', text: total ? at(r.finished) : ''}),
      el('span', {text: (r.outcome || '').replaceAll('_', ' ') + (total ? ' after ' + duration(total) : '')})));
  return [el('ol', {class: 'timeline'}, rows)];
}
