// The status page: the broker link (and why it is down), the outbox's backlog by kind, and the dead letters (messages
// the broker refused every time) with retry and drop. Drawn only while the page is shown.
import {get, post} from './api.js';
import {el, showError, timeEl, duration} from './dom.js';
import {linkReason} from './link.js';

let deadLetterCount = null;

export function setUpStatus() {
  document.getElementById('dead-letters').addEventListener('click', e => {
    const button = e.target.closest('button[data-action]');
    if (button) act(button.dataset.action, button.dataset.id).catch(err => showError(err.message));
  });
}

export async function showStatus() {
  onStatus(await get('/api/status'));
  await loadDeadLetters();
}

/** The status the header polls: drawn when the page is shown; the dead letters are read again when their count changed. */
export function onStatus(status) {
  if (document.getElementById('page-status').hidden) return;
  drawLink(status.connection);
  drawOutbox(status.outbox);
  const count = typeof status.outbox === 'object' ? status.outbox.deadLetters : null;
  if (count !== deadLetterCount) loadDeadLetters().catch(e => showError(e.message));
}

function drawLink(c) {
  const reason = linkReason(c);
  document.getElementById('status-link').replaceChildren(
      row('Broker', c.broker),
      row('State', c.connected ? 'connected' : 'offline' + (reason ? ': ' + reason : '')),
      row(c.connected ? 'Connected since' : 'Down since', timeEl(c.since)));
}

function drawOutbox(o) {
  const box = document.getElementById('status-outbox');
  if (typeof o !== 'object') {
    box.replaceChildren(row('Outbox', 'not answering'));
    return;
  }
  box.replaceChildren(
      row('Waiting commands', o.waitingCommands),
      row('Waiting telemetry', o.waitingTelemetry),
      row('Waiting in all', o.queued + ' (' + o.inMemory + ' in memory, ' + o.onDiskOnly + ' on disk only), ' + bytes(o.queuedBytes)),
      row('Oldest waiting for', o.queued ? duration(o.oldestAgeMillis) : '—'),
      row('Delivered since start', o.delivered),
      row('Dropped (outbox full) / expired', o.dropped + ' / ' + o.expired),
      row('Dead letters', o.deadLetters));
}

async function loadDeadLetters() {
  draw((await get('/api/outbox/dead-letters')).deadLetters);
}

async function act(action, id) {
  draw((await post('/api/outbox/dead-letters/' + encodeURIComponent(id) + '/' + action)).deadLetters);
}

function draw(letters) {
  deadLetterCount = letters.length;
  document.getElementById('dead-letters-none').hidden = letters.length > 0;
  document.getElementById('dead-letters').replaceChildren(...letters.map(d =>
      el('li', {class: 'dead-letter', id: 'dead-letter-' + d.id},
          el('span', {class: 'what', text: d.kind + ' on ' + d.topic + ' (' + bytes(d.payloadBytes) + ', ' + d.attempts + ' attempts)'}),
          el('span', {class: 'reason', text: 'refused: ' + d.reason}), ' ', timeEl(d.at),
          el('span', {class: 'actions'},
              el('button', {type: 'button', class: 'retry', dataset: {action: 'retry', id: d.id},
                'aria-label': 'Send again: ' + d.kind + ' on ' + d.topic, text: 'Send again'}),
              el('button', {type: 'button', class: 'drop quiet', dataset: {action: 'drop', id: d.id},
                'aria-label': 'Delete for good: ' + d.kind + ' on ' + d.topic, text: 'Delete'})))));
}

function row(label, value) {
  return el('div', {class: 'status-row'}, el('dt', {text: label}), el('dd', {}, value instanceof Node ? value : String(value)));
}

function bytes(n) {
  if (typeof n !== 'number') return '';
  return n < 1024 ? n + ' B' : n < 1048576 ? (Math.round(n / 102.4) / 10) + ' KiB' : (Math.round(n / 104857.6) / 10) + ' MiB';
}
