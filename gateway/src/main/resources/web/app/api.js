// The API client: same-origin fetch with the session cookie; every POST carries the CSRF token.
let csrfToken = null;

export async function startSession() {
  const session = await get('/api/session');
  csrfToken = session.csrfToken;
}

export async function get(path) {
  const response = await fetch(path, {headers: {'Accept': 'application/json'}});
  return answer(response);
}

export async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken || ''},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(response);
}

async function answer(response) {
  if (response.status === 401) {
    window.location.assign('/login');
    throw new Error('signed out');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.error || ('HTTP ' + response.status)), {status: response.status, body});
  return body;
}
