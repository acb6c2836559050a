// The "now" panel of a pod: its stage from the podtimeline's `current` (when the history API is served),
// what its status says, and what happens next as PodLife's explain engine words it (the podtimelines/NAME/explanation
// subresource, the same verdict as `podlife explain`).
import { h } from './dom.js';
import { age } from './format.js';

/**
 * The panel for a pod (null once deleted), its podtimeline and the server's explanation of it (both null where the
 * podlife.dev API is not served).
 */
export function explanation(pod, timeline, now, explained) {
  const current = timeline?.current;
  const end = timeline?.podDeletedAt ? Date.parse(timeline.podDeletedAt) : now;
  return h('section', { class: 'explain' },
    current
      ? h('p', { class: 'stage' },
          h('span', { class: `stage-name stage-${current.stage}` }, current.stage),
          current.reason ? ` · ${current.reason}` : '',
          h('span', { class: 'muted' }, ` for ${age(current.since, end)} · phase ${current.phase} · ${current.restarts} restarts`))
      : h('p', { class: 'stage' }, h('span', { class: 'stage-name' }, pod?.status?.phase ?? 'Unknown'),
          h('span', { class: 'muted' }, ' · stage not recorded: this server has no podtimelines API, so the timeline is rebuilt from the pod\'s status and events')),
    pod ? h('ul', { class: 'says' }, says(pod).map((line) => h('li', {}, line))) : null,
    h('p', { class: 'next' }, h('strong', {}, 'Next: '), nextStep(pod, timeline, now, explained)),
    pod && explained?.actions?.length
      ? h('div', { class: 'actions' }, h('strong', {}, 'You can: '), h('ul', {}, explained.actions.map((a) => h('li', {}, a))))
      : null,
    // The Services that select the pod, and whether they send it traffic (as `podlife explain` lists them).
    pod && explained?.services?.length
      ? h('div', { class: 'services' }, h('strong', {}, 'Services: '),
          h('ul', {}, explained.services.map((s) => h('li', { class: s.endpoint ? 'endpoint' : 'not-endpoint' }, `${s.name}: ${s.note}`))))
      : null);
}

function nextStep(pod, timeline, now, explained) {
  if (!pod) return `Nothing: the pod was deleted ${age(timeline.podDeletedAt, now)} ago; its recorded history stays until the server's retention expires.`;
  if (explained && explained.name === pod.metadata.name) return explained.next?.length ? explained.next.join('; ') : 'nothing pending.';
  return explained === null
    ? 'not known here: this server does not serve PodLife\'s explanation (podlife.dev API); the conditions and container states above say where the pod is.'
    : 'explaining…';
}

// Each False condition and each container that is not simply running, with its reason and message.
function says(pod) {
  const status = pod.status ?? {};
  const lines = [];
  if (status.reason || status.message) lines.push(`pod: ${[status.reason, status.message].filter(Boolean).join(': ')}`);
  for (const c of status.conditions ?? []) {
    if (c.status !== 'True') lines.push(`${c.type} is ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  }
  for (const s of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const { waiting, terminated } = s.state ?? {};
    if (waiting) lines.push(`container ${s.name} is waiting: ${waiting.reason ?? ''}${waiting.message ? ` - ${waiting.message}` : ''}`);
    else if (terminated) lines.push(`container ${s.name} terminated: ${terminated.reason ?? ''} (exit code ${terminated.exitCode})`);
    if (s.restartCount > 0) lines.push(`container ${s.name} restarted ${s.restartCount} times${s.lastState?.terminated ? `, last exit: ${s.lastState.terminated.reason} (exit code ${s.lastState.terminated.exitCode})` : ''}`);
  }
  return lines;
}
