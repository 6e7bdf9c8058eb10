// Sign-in: posts the secret as JSON; the session cookie comes back HttpOnly, the CSRF token in the body.
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.hidden = true;
  const response = await fetch('/login', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({secret: document.getElementById('secret').value}),
  });
  if (response.ok) {
    window.location.assign('/');
    return;
  }
  const body = await response.json().catch(() => ({error: 'sign-in failed'}));
  error.textContent = body.error || 'sign-in failed';
  error.hidden = false;
});
