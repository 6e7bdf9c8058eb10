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

export function time(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  return d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

// Absolute times, not "5 min ago": the gateway's clock may run a scenario's accelerated time.
export function when(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  return d.toLocaleDateString([], {month: 'short', day: 'numeric'}) + ' ' + time(iso);
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { box.hidden = true; }, 6000);
}
