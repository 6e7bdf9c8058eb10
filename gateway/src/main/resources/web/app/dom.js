// Building DOM from data. Text from devices and automations only ever goes through textContent:
// a device named <img src=x onerror=alert(1)> shows as that text and never becomes markup.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Every time on the dashboard is shown in one zone, the gateway's (its automations' "07:00" are in it), never the
 * browser's: {@link setZone} is called at start with what /api/clock says, and the header states it.
 */
let zone = undefined;

export function setZone(name) {
  try {
    new Intl.DateTimeFormat([], {timeZone: name});
    zone = name;
  } catch (e) {
    zone = undefined;
  }
}

export function zoneName() {
  return zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function time(iso) {
  if (!iso) return 'never';
  return new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: zone});
}

// Absolute times, not "5 min ago": the gateway's clock may run a scenario's accelerated time.
export function when(iso) {
  if (!iso) return 'never';
  return new Date(iso).toLocaleDateString([], {month: 'short', day: 'numeric', timeZone: zone}) + ' ' + time(iso);
}

/** A time element: the text in the gateway's zone, the instant machine-readable, the zone in its tooltip. */
export function timeEl(iso, text = when(iso)) {
  return el('time', {datetime: iso || undefined, title: iso ? zoneName() : undefined, text});
}

/** Milliseconds as people say them: 40 ms, 1.2 s, 3 min 5 s. */
export function duration(ms) {
  if (typeof ms !== 'number') return '';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (Math.round(ms / 100) / 10) + ' s';
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.round((ms % 60000) / 1000);
  return minutes + ' min' + (seconds ? ' ' + seconds + ' s' : '');
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { box.hidden = true; }, 6000);
}
