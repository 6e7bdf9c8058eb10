// The automation editor: a plain textarea (no build step, no editor library), completion of the keys and values
// the automations' JSON Schema names (and the devices' ids), the gateway's own check as you type (debounced, with
// file:line:column; a problem moves the caret there on click), and save: refused with its problems, else written
// with a backup and hot-reloaded, the reload's result shown.
import {el, showError} from './dom.js';
import {get, post} from './api.js';
import {allDevices} from './devices.js';

const CHECK_AFTER_MS = 600;
let current = null;
let checkTimer = null;
let vocabulary = null;

/** Shows the editor page with that file (or the file list when none is given). */
export async function openEditor(name) {
  document.getElementById('tab-editor').click();
  await loadFiles();
  if (name) await load(name);
}

export async function loadFiles() {
  const select = document.getElementById('editor-file');
  try {
    const body = await get('/api/automation-files');
    const chosen = current || select.value;
    select.replaceChildren(el('option', {value: '', text: 'choose a file…'}), ...body.files.map(f => el('option', {value: f, text: f})));
    select.value = chosen && body.files.includes(chosen) ? chosen : '';
    document.getElementById('editor-off').hidden = true;
  } catch (e) {
    document.getElementById('editor-off').textContent = e.message;
    document.getElementById('editor-off').hidden = false;
  }
}

export function setUpEditor() {
  const text = document.getElementById('editor-text');
  document.getElementById('editor-file').addEventListener('change', e => e.target.value && load(e.target.value));
  document.getElementById('editor-new').addEventListener('click', () => {
    const name = document.getElementById('editor-new-name').value.trim();
    if (name) start(name, 'automations:\n  - id: \n    triggers:\n      - trigger: \n    actions:\n      - \n', false);
  });
  document.getElementById('editor-save').addEventListener('click', save);
  text.addEventListener('input', () => {
    result('', '');
    scheduleCheck();
    suggest();
  });
  text.addEventListener('keydown', keys);
  text.addEventListener('keyup', e => { if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') position(); });
  text.addEventListener('click', () => { position(); hideSuggestions(); });
  text.addEventListener('blur', () => setTimeout(hideSuggestions, 150));
}

async function load(name) {
  try {
    const body = await get('/api/automation-files/' + encodeURIComponent(name));
    start(name, body.text, body.exists);
  } catch (e) {
    showError(name + ': ' + e.message);
  }
}

function start(name, text, exists) {
  current = name;
  const select = document.getElementById('editor-file');
  select.value = [...select.options].some(o => o.value === name) ? name : '';
  document.getElementById('editor-name').textContent = name + (exists ? '' : ' (new)');
  const area = document.getElementById('editor-text');
  area.value = text;
  area.disabled = false;
  document.getElementById('editor-save').disabled = false;
  result('', '');
  problems([]);
  area.focus();
  area.setSelectionRange(0, 0);
  position();
  check();
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_AFTER_MS);
  position();
}

async function check() {
  if (!current) return;
  const text = document.getElementById('editor-text').value;
  try {
    const body = await post('/api/automation-files/' + encodeURIComponent(current) + '/check', {text});
    // A later edit may have been checked already: only the text as it is now counts.
    if (document.getElementById('editor-text').value === text) problems(body.problems);
  } catch (e) {
    result('error', 'Could not check: ' + e.message);
  }
}

async function save() {
  if (!current) return;
  clearTimeout(checkTimer);
  const text = document.getElementById('editor-text').value;
  result('', 'Saving…');
  try {
    const body = await post('/api/automation-files/' + encodeURIComponent(current), {text});
    problems([]);
    const reload = body.reload;
    if (!reload) result('ok', 'Saved (previous version kept as ' + body.backup + '); the gateway reloads it within seconds.');
    else if (reload.applied) result('ok', 'Saved and reloaded: ' + (reload.automations.join(', ') || 'no automations') + ' now running. Previous version kept as ' + body.backup + '.');
    else result('error', 'Saved, but the reload refused it: ' + reload.problems.join('; '));
    await loadFiles();
  } catch (e) {
    result('error', e.message);
    if (e.body?.problems) problems(e.body.problems);
  }
}

function result(kind, message) {
  const box = document.getElementById('editor-result');
  box.className = 'editor-result ' + kind;
  box.textContent = message;
}

function problems(list) {
  const box = document.getElementById('editor-problems');
  box.replaceChildren(...list.map(p => el('li', {},
      el('button', {type: 'button', class: 'quiet problem', dataset: {line: p.line, column: p.column},
        text: current + ':' + p.line + ':' + p.column + ': ' + p.message, onclick: () => goTo(p.line, p.column)}))));
  document.getElementById('editor-status').textContent = list.length ? list.length + (list.length === 1 ? ' problem' : ' problems') : 'no problems';
  document.getElementById('editor-status').className = list.length ? 'error' : 'ok';
}

function goTo(line, column) {
  const area = document.getElementById('editor-text');
  const lines = area.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, column - 1);
  area.focus();
  area.setSelectionRange(offset, offset);
  position();
}

/** "line 3, column 7" under the text: where the caret is, to match against the problems. */
function position() {
  const area = document.getElementById('editor-text');
  const before = area.value.slice(0, area.selectionStart).split('\n');
  document.getElementById('editor-position').textContent = 'line ' + before.length + ', column ' + (before[before.length - 1].length + 1);
}

// --- completion -------------------------------------------------------------------------------------------

async function words() {
  if (vocabulary) return vocabulary;
  const schema = await fetch(new URL('./automation.schema.json', import.meta.url)).then(r => r.json());
  const keys = new Set();
  const values = new Map();
  const walk = node => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, spec] of Object.entries(node.properties || {})) {
      keys.add(key);
      const options = (spec.enum || []).concat(spec.const !== undefined ? [spec.const] : []);
      if (options.length) values.set(key, [...new Set([...(values.get(key) || []), ...options.map(String)])]);
    }
    Object.values(node).forEach(walk);
  };
  walk(schema);
  vocabulary = {keys: [...keys].sort(), values};
  return vocabulary;
}

/** What is being typed: a key (at the start of a line or after "- "), or the value after the line's last "key: ". */
function context(area) {
  const line = area.value.slice(0, area.selectionStart).split('\n').pop();
  const value = /([A-Za-z_]+):\s+([\w.-]*)$/.exec(line);
  if (value) return {kind: 'value', keyOf: value[1], prefix: value[2]};
  const key = /^\s*(?:-\s+)?([A-Za-z_]*)$/.exec(line);
  return key ? {kind: 'key', prefix: key[1]} : null;
}

async function suggest() {
  const area = document.getElementById('editor-text');
  const at = context(area);
  if (!at || (at.kind === 'key' && !at.prefix)) return hideSuggestions();
  const {keys, values} = await words();
  let options;
  if (at.kind === 'key') options = keys.map(k => k + ': ');
  else {
    const devices = at.keyOf === 'device' ? allDevices().map(d => d.id) : [];
    options = (values.get(at.keyOf) || []).concat(devices);
  }
  options = options.filter(o => o.startsWith(at.prefix) && o.trim() !== at.prefix).slice(0, 8);
  const list = document.getElementById('editor-suggestions');
  if (!options.length) return hideSuggestions();
  list.replaceChildren(...options.map((o, i) => el('li', {role: 'option', id: 'suggestion-' + i, 'aria-selected': i === 0 ? 'true' : 'false',
    text: o, onmousedown: e => { e.preventDefault(); accept(o, at.prefix); }})));
  list.hidden = false;
  area.setAttribute('aria-expanded', 'true');
  area.setAttribute('aria-activedescendant', 'suggestion-0');
}

function hideSuggestions() {
  const list = document.getElementById('editor-suggestions');
  list.hidden = true;
  list.replaceChildren();
  const area = document.getElementById('editor-text');
  area.setAttribute('aria-expanded', 'false');
  area.removeAttribute('aria-activedescendant');
}

function keys(e) {
  const list = document.getElementById('editor-suggestions');
  if (list.hidden) return;
  const items = [...list.children];
  const selected = items.findIndex(i => i.getAttribute('aria-selected') === 'true');
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = (selected + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((i, n) => i.setAttribute('aria-selected', n === next ? 'true' : 'false'));
    document.getElementById('editor-text').setAttribute('aria-activedescendant', items[next].id);
  } else if (e.key === 'Tab' || e.key === 'Enter') {
    e.preventDefault();
    const at = context(document.getElementById('editor-text'));
    accept(items[Math.max(0, selected)].textContent, at ? at.prefix : '');
  } else if (e.key === 'Escape') {
    hideSuggestions();
  }
}

function accept(word, prefix) {
  const area = document.getElementById('editor-text');
  const end = area.selectionStart;
  area.setRangeText(word, end - prefix.length, end, 'end');
  hideSuggestions();
  scheduleCheck();
}
