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

// The failures on show, one per source (an informer): the banner shows the latest one still standing. A source that
// recovers takes its own message back, so a watch that reconnects after a lost connection neither leaves "retrying…"
// up for good nor hides another source's failure (a label selector the server refused).
const failures = new Map();

function describe(error) {
  return error instanceof ApiError
    ? error.code === 401 ? 'Unauthorized: the API server did not accept this token. Sign in with a token from your kubeconfig.'
      : `${error.reason} (${error.code}): ${error.message}`
    : `Lost the connection to the API server (${error.message}); retrying…`;
}

function showFailures() {
  const latest = [...failures.values()].at(-1);
  banner.hidden = !latest;
  if (latest) replace(banner, describe(latest));
}

/** A new source of failures for a view: onError(error) shows its failure, onRecover() takes it back. */
function failureSource() {
  const source = {};
  return {
    onError: (error) => {
      if (error instanceof ApiError && error.code === 401) {
        // The view stops (its sources take their failures back) and the sign-in form shows under this one.
        stopView();
        signIn();
      }
      failures.delete(source);
      failures.set(source, error);
      showFailures();
    },
    onRecover: () => {
      if (failures.delete(source)) showFailures();
    },
  };
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
  failures.clear();
  showFailures();
  document.getElementById('sign-out').hidden = !token.get();
  if (!token.get()) return signIn();
  const [path, search = ''] = location.hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(search));
  const setQuery = (q) => history.replaceState(null, '', `#/${parts.join('/')}?${new URLSearchParams(Object.entries(q).filter(([, v]) => v))}`);
  const context = { query, setQuery, failureSource };
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
