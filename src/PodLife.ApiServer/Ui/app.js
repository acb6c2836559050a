// Entry point: takes the token (from #token=... or the sign-in form), routes #/pods, #/pods/NS/NAME and
// #/nodes to their views, and shows API failures in one banner.
import { ApiError, token } from './api.js';
import { h, replace } from './dom.js';
import { nodesView } from './nodes.js';
import { podsView } from './pods.js';
import { timelineView } from './timeline.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
let stopView = () => {};

// `podlife up` prints /ui/#token=...: keep the token for this tab only and take it out of the address bar.
function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (!fragment.has('token')) return;
  token.set(fragment.get('token'));
  history.replaceState(null, '', `${location.pathname}#/pods`);
}

function showError(error) {
  const text = error instanceof ApiError
    ? error.code === 401 ? 'Unauthorized: the API server did not accept this token. Sign in with a token from your kubeconfig.'
      : `${error.reason} (${error.code}): ${error.message}`
    : `Lost the connection to the API server (${error.message}); retrying…`;
  replace(banner, text);
  banner.hidden = false;
  if (error instanceof ApiError && error.code === 401) {
    stopView();
    signIn();
  }
}

function clearError() {
  banner.hidden = true;
}

function signIn() {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', placeholder: 'bearer token', required: true });
  replace(main, h('form', { class: 'view sign-in', onsubmit: (e) => {
    e.preventDefault();
    token.set(input.value.trim());
    location.hash = '#/pods';
    route();
  } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Use the same token as kubectl: users[].user.token in the kubeconfig that `podlife up` writes.'),
  h('label', {}, 'Token ', input), h('button', { type: 'submit' }, 'Sign in')));
  input.focus();
}

function route() {
  stopView();
  stopView = () => {};
  clearError();
  document.getElementById('sign-out').hidden = !token.get();
  if (!token.get()) return signIn();
  const [path, search = ''] = location.hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(search));
  const setQuery = (q) => history.replaceState(null, '', `#/${parts.join('/')}?${new URLSearchParams(Object.entries(q).filter(([, v]) => v))}`);
  const context = { query, setQuery, onError: showError, clearError };
  for (const link of document.querySelectorAll('[data-nav]')) link.classList.toggle('active', link.dataset.nav === (parts[0] ?? 'pods'));
  if (parts[0] === 'nodes') stopView = nodesView(main, context);
  else if (parts[0] === 'pods' && parts.length === 3) stopView = timelineView(main, { namespace: parts[1], name: parts[2] }, context);
  else stopView = podsView(main, context);
}

document.getElementById('sign-out').addEventListener('click', () => {
  token.clear();
  route();
});
window.addEventListener('hashchange', () => { takeTokenFromFragment(); route(); });
takeTokenFromFragment();
route();
document.body.dataset.app = 'started';
