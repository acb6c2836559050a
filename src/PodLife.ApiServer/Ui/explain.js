// The "now" panel of a pod: its stage from the podtimeline's `current` (when the history API is served),
// what its status says, and what happens next, in the words of the reasons and messages Kubernetes sets.
import { h } from './dom.js';
import { age } from './format.js';

/** The panel for a pod (null once deleted) and its podtimeline (null where the history API is not served). */
export function explanation(pod, timeline, now) {
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
    h('p', { class: 'next' }, h('strong', {}, 'Next: '), pod
      ? nextStep(pod)
      : `Nothing: the pod was deleted ${age(timeline.podDeletedAt, now)} ago; its recorded history stays until the server's retention expires.`));
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

/** What Kubernetes does next for this pod, from its deletion mark, conditions and container reasons. */
export function nextStep(pod) {
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) {
    return `The pod is terminating: its containers get ${pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30}s to stop, then the pod is removed.`;
  }
  const scheduled = (status.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return `The scheduler tries again when nodes or pods change. ${scheduled.message ?? ''}`.trim();
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  for (const s of all) {
    const w = s.state?.waiting;
    if (!w) continue;
    const backoff = /back-off (\S+)/.exec(w.message ?? '')?.[1];
    switch (w.reason) {
      case 'CrashLoopBackOff': return `The kubelet restarts ${s.name} when its back-off${backoff ? ` of ${backoff}` : ''} ends (the back-off doubles after each crash, up to 5m).`;
      case 'ImagePullBackOff':
      case 'ErrImagePull': return `The kubelet pulls ${s.image ?? 'the image'} again after its back-off; fix the image name or registry if it keeps failing.`;
      case 'InvalidImageName': return `Nothing until the image name is fixed: ${s.image ?? ''} cannot be parsed.`;
      case 'CreateContainerConfigError': return `The kubelet retries once the missing ConfigMap or Secret exists.`;
      case 'ContainerCreating':
      case 'PodInitializing': return `The kubelet is creating ${s.name}; it starts once its image is ready.`;
      default: return `${s.name} waits: ${w.reason ?? ''} ${w.message ?? ''}`.trim();
    }
  }
  const ready = (status.conditions ?? []).find((c) => c.type === 'Ready');
  switch (status.phase) {
    case 'Pending': return 'The pod waits for a node to start it.';
    case 'Running': return ready?.status === 'True'
      ? 'Nothing pending: the pod is running and ready, and receives traffic.'
      : 'The pod waits for its containers to become ready (readiness probes).';
    case 'Succeeded': return 'Nothing: all containers completed; the pod stays until it is deleted.';
    case 'Failed': return `Nothing: the pod failed for good (restartPolicy ${pod.spec?.restartPolicy ?? 'Always'}); it stays until it is deleted.`;
    default: return 'The node has not reported this pod\'s state.';
  }
}
