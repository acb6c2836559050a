// One pod's page: its kubectl row, the "now" explanation, the Gantt timeline and the list of transitions,
// kept live by watching the pod, its events and (where served) its podtimeline.
import { ApiError, get } from './api.js';
import { h, replace } from './dom.js';
import { clock } from './format.js';
import { explanation } from './explain.js';
import { gantt } from './gantt.js';
import { Informer } from './informer.js';
import { kubectlTable } from './pods.js';
import { entriesFromPod, lanesOf, labelOf } from './timeline-model.js';

const HISTORY_GROUP = '/apis/podlife.dev/v1';

/**
 * True when the server lists podtimelines in discovery (the podlife.dev/v1 history API). Only a 404 means the API is
 * not served (an older PodLife or a real Kubernetes cluster); any other failure (a dropped connection, a busy server)
 * is asked again, so that one lost request does not downgrade the page to a rebuilt timeline for good.
 */
async function historyServed(isStopped) {
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      const list = await get(HISTORY_GROUP);
      return (list.resources ?? []).some((r) => r.name === 'podtimelines');
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return false;
      if (isStopped()) return false;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export function timelineView(main, { namespace, name }, { failureSource }) {
  const state = { row: null, columns: [], events: [], timeline: null, history: undefined, explained: undefined, gone: false };
  const body = h('div', { class: 'timeline-body' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('div', { class: 'view timeline-view' },
    h('p', {}, h('a', { href: '#/pods' }, '← Pods')),
    h('h1', {}, h('span', { class: 'muted' }, `${namespace} / `), name),
    body));

  const render = () => {
    const pod = state.row?.object ?? null;
    // A timeline outlives its pod (until retention expires); one recorded for an earlier pod of this name is not shown.
    const timeline = state.timeline && (!pod || state.timeline.podUID === pod.metadata.uid) ? state.timeline : null;
    if (!pod && !timeline) {
      replace(body, h('p', { class: 'muted' }, state.gone ? `pod ${namespace}/${name} not found (deleted, or not created yet)` : 'Loading…'));
      return;
    }
    const mine = state.events.filter((e) => !e.involvedObject?.uid || e.involvedObject.uid === pod?.metadata.uid);
    const entries = timeline?.entries ?? entriesFromPod(pod, mine);
    // Simulated nodes may run a faster clock (podlife up --speed): never draw "now" before the latest entry.
    const now = Math.max(Date.now(), ...entries.map((e) => Date.parse(e.time)));
    const dropped = timeline?.droppedEntries ? ` (the oldest ${timeline.droppedEntries} entries were dropped)` : '';
    replace(body,
      pod ? kubectlTable([state.row], state.columns, { namespaces: false }) : null,
      explanation(pod, timeline, now, state.explained),
      h('h2', {}, 'Timeline ', h('span', { class: 'source muted' }, timeline ? `recorded history (podtimelines)${dropped}` : 'rebuilt from status and events')),
      gantt(lanesOf(entries, timeline?.podDeletedAt ? Date.parse(timeline.podDeletedAt) : now)),
      h('h2', {}, 'Transitions'),
      transitions(entries));
  };

  // The explanation is asked for again whenever the pod or its events change (one request at a time) and every
  // few seconds, since what happens next counts down ("next restart in 20s").
  let explaining = false;
  let again = false;
  const explain = async () => {
    if (!state.history || stopped || !state.row) return;
    if (explaining) { again = true; return; }
    explaining = true;
    try {
      state.explained = await get(`${HISTORY_GROUP}/namespaces/${namespace}/podtimelines/${name}/explanation`);
    } catch {
      state.explained = undefined; // the pod went away meanwhile; the next change asks again
    }
    explaining = false;
    render();
    if (again) { again = false; explain(); }
  };

  const onPod = (rows, columns) => {
    state.row = rows[0] ?? null;
    state.columns = columns;
    state.gone = !state.row;
    render();
    explain();
  };
  const byName = { fieldSelector: `metadata.name=${name}` };
  const informers = [
    new Informer(`/api/v1/namespaces/${namespace}/pods`, { query: byName, table: true, onChange: onPod, ...failureSource() }).start(),
    new Informer(`/api/v1/namespaces/${namespace}/events`, {
      query: { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` },
      onChange: (events) => { state.events = events; render(); explain(); },
      ...failureSource(),
    }).start(),
  ];
  historyServed(() => stopped).then((served) => {
    state.history = served;
    if (!served) state.explained = null;
    if (!served || stopped) { render(); return; }
    explain();
    informers.push(new Informer(`${HISTORY_GROUP}/namespaces/${namespace}/podtimelines`, {
      query: byName,
      onChange: (timelines) => { state.timeline = timelines[0] ?? null; render(); },
      ...failureSource(),
    }).start());
  });
  // The open segments grow with time even when nothing changes.
  const ticker = setInterval(render, 1000);
  const explainer = setInterval(explain, 5000);
  let stopped = false;
  return () => {
    stopped = true;
    clearInterval(ticker);
    clearInterval(explainer);
    informers.forEach((i) => i.stop());
  };
}

function transitions(entries) {
  return h('table', { class: 'transitions' },
    h('thead', {}, h('tr', {}, ['Time', 'What', 'Now', 'Details'].map((c) => h('th', {}, c)))),
    h('tbody', {}, [...entries].reverse().map((e) => h('tr', { class: `kind-${e.kind}` },
      h('td', { class: 'mono' }, clock(Date.parse(e.time))),
      h('td', {}, e.name ? `${e.kind} ${e.name}` : e.kind),
      h('td', {}, e.kind === 'Event' ? e.to : labelOf(e)),
      h('td', { class: 'muted' }, [e.message, e.count > 1 ? `(x${e.count})` : ''].filter(Boolean).join(' '))))));
}
