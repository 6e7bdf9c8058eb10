// The dashboard: pages, the live stream, and the broker-link banner.
import {get, post, startSession} from './api.js';
import {showError, setZone, zoneName} from './dom.js';
import {loadDevices, refreshDevices, onStateChanged, onAvailabilityChanged} from './devices.js';
import {loadAutomations, onAutomationRun} from './automations.js';
import {setUpLogbook, showLogbook, onLogbookEntry} from './logbook.js';
import {setUpStatus, showStatus, onStatus} from './status.js';
import {loadFiles, setUpEditor} from './editor.js';
import {linkReason} from './link.js';

const STATUS_EVERY_MS = 5000;

async function start() {
  await startSession();
  const clock = await get('/api/clock');
  setZone(clock.zone);
  document.getElementById('zone').textContent = 'times in ' + zoneName();
  setUpTabs();
  setUpLogbook();
  setUpStatus();
  setUpEditor();
  document.getElementById('logout').addEventListener('click', async () => {
    await post('/logout').catch(() => {});
    window.location.assign('/login');
  });
  await loadDevices();
  listen();
  await refreshStatus();
  setInterval(() => refreshStatus().catch(() => {}), STATUS_EVERY_MS);
}

function setUpTabs() {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => show(tab.dataset.page));
  }
}

function show(page) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.page === page);
    if (tab.dataset.page === page) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const section of document.querySelectorAll('.page')) section.hidden = section.id !== 'page-' + page;
  if (page === 'automations') loadAutomations().catch(e => showError(e.message));
  if (page === 'editor') loadFiles();
  if (page === 'logbook') showLogbook();
  if (page === 'status') showStatus().catch(e => showError(e.message));
}

function listen() {
  const stream = new EventSource('/api/events');
  stream.addEventListener('state', e => onStateChanged(JSON.parse(e.data)));
  stream.addEventListener('availability', e => onAvailabilityChanged(JSON.parse(e.data)));
  stream.addEventListener('logbook', e => onLogbookEntry(JSON.parse(e.data)));
  // Devices came or went (a Zigbee2MQTT pairing, a removal): the rooms are redrawn only if the set changed.
  stream.addEventListener('devices', () => refreshDevices().catch(e => showError(e.message)));
  stream.addEventListener('automation', e => onAutomationRun(JSON.parse(e.data)));
  stream.addEventListener('connection', () => refreshStatus().catch(() => {}));
  // After a gap in the stream, reload what may have changed meanwhile.
  stream.addEventListener('open', () => refreshDevices().catch(() => {}));
}

async function refreshStatus() {
  const status = await get('/api/status');
  onStatus(status);
  const link = document.getElementById('link');
  const connected = status.connection.connected;
  link.textContent = connected ? 'online' : 'offline';
  link.className = 'link ' + (connected ? 'online' : 'offline');
  const banner = document.getElementById('offline-banner');
  banner.hidden = connected;
  if (!connected) {
    const queued = typeof status.outbox === 'object' ? status.outbox.queued : null;
    const reason = linkReason(status.connection);
    banner.textContent = 'The gateway is offline from the broker' + (reason ? ': ' + reason : '')
        + '. ' + (queued === null ? 'Buffered commands: unknown.' : queued + ' command' + (queued === 1 ? '' : 's') + ' buffered; they are sent when the link is back.');
  }
}

start().catch(e => showError('The dashboard could not start: ' + e.message));
