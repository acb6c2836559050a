// A pod's life as Gantt lanes. The entries come from the podtimelines API (podlife.dev/v1, contract in
// the PodTimeline wire format) or, where it is not served, are rebuilt from what every cluster keeps:
// the pod's status timestamps and its events.

const CONTAINER_KINDS = { InitContainer: 'initContainerStatuses', Container: 'containerStatuses', EphemeralContainer: 'ephemeralContainerStatuses' };
const LANE_ORDER = ['Stage', 'Phase', 'Condition', 'InitContainer', 'Container', 'EphemeralContainer'];
// Waiting reasons that mean trouble rather than progress (kubelet's images/errors.go and kuberuntime).
const TROUBLE = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull',
  'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreStartHookError', 'PostStartHookError']);

/** Contract-shaped entries from a pod's status timestamps and its events (no history API needed). */
export function entriesFromPod(pod, events) {
  const entries = [];
  const add = (time, entry) => { if (time) entries.push({ time, name: '', ...entry }); };
  const status = pod.status ?? {};
  add(pod.metadata.creationTimestamp, { kind: 'Phase', to: 'Pending' });
  const statuses = Object.entries(CONTAINER_KINDS).flatMap(([kind, field]) => (status[field] ?? []).map((s) => ({ kind, s })));
  const starts = statuses.flatMap(({ s }) => [s.state?.running?.startedAt, s.state?.terminated?.startedAt, s.lastState?.terminated?.startedAt]).filter(Boolean);
  const ends = statuses.map(({ s }) => s.state?.terminated?.finishedAt).filter(Boolean).sort((a, b) => Date.parse(a) - Date.parse(b));
  if (status.phase && status.phase !== 'Pending') {
    // Events outlive restarts: the first Started event dates the first run when the container has restarted since.
    const started = events.filter((e) => e.reason === 'Started').map((e) => e.firstTimestamp ?? e.eventTime).filter(Boolean);
    add([...starts, ...started].sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? status.startTime, { kind: 'Phase', to: 'Running' });
    if (status.phase !== 'Running') add(ends.at(-1) ?? conditionTime(status, 'Ready'), { kind: 'Phase', to: status.phase });
  }
  for (const c of status.conditions ?? []) {
    add(c.lastTransitionTime, { kind: 'Condition', name: c.type, to: c.status, reason: c.reason, message: c.message });
  }
  const containersReady = conditionTime(status, 'ContainersReady');
  for (const { kind, s } of statuses) entries.push(...containerEntries(kind, s, pod, containersReady));
  for (const e of events) {
    add(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp,
      { kind: 'Event', name: e.reason, to: e.type, message: e.message, count: e.count ?? e.series?.count ?? 1 });
  }
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

function conditionTime(status, type) {
  const c = (status.conditions ?? []).find((x) => x.type === type && x.status === 'True');
  return c?.lastTransitionTime;
}

// The last run (lastState) and the current state of one container, with the times the kubelet recorded.
function containerEntries(kind, s, pod, containersReady) {
  const out = [];
  const add = (time, entry) => { if (time) out.push({ time, kind, name: s.name, ...entry }); };
  const previous = s.lastState?.terminated;
  const restarts = s.restartCount ?? 0;
  if (previous) {
    add(previous.startedAt, { to: 'Running', restartCount: Math.max(0, restarts - 1) });
    add(previous.finishedAt, { to: 'Terminated', reason: previous.reason, exitCode: previous.exitCode, restartCount: Math.max(0, restarts - 1) });
  }
  const { waiting, running, terminated } = s.state ?? {};
  if (waiting) add(previous?.finishedAt ?? pod.status?.startTime ?? pod.metadata.creationTimestamp, { to: 'Waiting', reason: waiting.reason, message: waiting.message });
  if (running) {
    add(running.startedAt, { to: 'Running', restartCount: restarts, ready: false });
    // Ready since ContainersReady turned True; real clusters keep that time in whole seconds, so never before the start.
    if (s.ready && containersReady) {
      const since = Date.parse(containersReady) >= Date.parse(running.startedAt) ? containersReady : running.startedAt;
      add(since, { to: 'Running', restartCount: restarts, ready: true });
    }
  }
  if (terminated) {
    add(terminated.startedAt, { to: 'Running', restartCount: restarts });
    add(terminated.finishedAt, { to: 'Terminated', reason: terminated.reason, exitCode: terminated.exitCode, restartCount: restarts });
  }
  return out;
}

/**
 * Lanes of segments ({ start, end, state, label, entry }) and restart markers, plus the event markers and the
 * time range; `now` closes the segments still open.
 */
export function lanesOf(entries, now) {
  const lanes = new Map();
  const events = [];
  let first = Infinity;
  let last = -Infinity;
  for (const entry of entries) {
    let time = Date.parse(entry.time);
    first = Math.min(first, time);
    last = Math.max(last, time);
    if (entry.kind === 'Event') { events.push({ time, entry }); continue; }
    const key = `${entry.kind}/${entry.name ?? ''}`;
    if (!lanes.has(key)) lanes.set(key, { key, kind: entry.kind, title: titleOf(entry), segments: [], markers: [] });
    const lane = lanes.get(key);
    const open = lane.segments.at(-1);
    // Entries come in the order they were recorded; a time before the previous one (a server-stamped entry between
    // node-stamped ones on a node with a faster clock) is drawn at the previous one, so segments never run backwards.
    if (open) time = Math.max(time, open.start);
    if (open) open.end = time;
    if (isRestart(entry, lane)) lane.markers.push({ time, count: entry.restartCount });
    if (entry.restartCount !== undefined) lane.restarts = entry.restartCount;
    lane.segments.push({ start: time, end: null, state: stateOf(entry), label: labelOf(entry), entry });
  }
  const end = Math.max(now, last);
  for (const lane of lanes.values()) for (const s of lane.segments) s.end ??= end;
  const ordered = [...lanes.values()].sort((a, b) => LANE_ORDER.indexOf(a.kind) - LANE_ORDER.indexOf(b.kind));
  return { lanes: ordered, events, start: Number.isFinite(first) ? first : now, end };
}

// A container started again: its restartCount went up (a run too short to be seen Running still counts), or, where
// entries carry no counts, it runs after having terminated.
function isRestart(entry, lane) {
  if (!entry.kind.endsWith('Container')) return false;
  if (entry.restartCount !== undefined) return entry.restartCount > (lane.restarts ?? 0);
  return entry.to === 'Running' && lane.segments.at(-1)?.entry.to === 'Terminated';
}

function titleOf(entry) {
  switch (entry.kind) {
    case 'Stage': return 'stage';
    case 'Phase': return 'phase';
    case 'Condition': return entry.name;
    case 'InitContainer': return `init ${entry.name}`;
    case 'EphemeralContainer': return `debug ${entry.name}`;
    default: return entry.name;
  }
}

/** The colour family of a segment: ok, running, pending, done, failed or unknown. */
export function stateOf(entry) {
  const to = entry.to;
  switch (entry.kind) {
    case 'Phase': return { Pending: 'pending', Running: 'running', Succeeded: 'done', Failed: 'failed' }[to] ?? 'unknown';
    case 'Condition': return { True: 'ok', False: 'pending' }[to] ?? 'unknown';
    case 'Stage': return { Initializing: 'pending', ReadyToRun: 'running', NormalOperation: 'ok', Terminated: 'done', Error: 'failed' }[to] ?? 'unknown';
    default:
      if (to === 'Waiting') return TROUBLE.has(entry.reason) ? 'failed' : 'pending';
      if (to === 'Running') return entry.ready ? 'ok' : 'running';
      if (to === 'Terminated') return entry.exitCode === 0 ? 'done' : 'failed';
      return 'unknown';
  }
}

export function labelOf(entry) {
  switch (entry.kind) {
    case 'Phase': return entry.to;
    case 'Condition': return entry.reason ? `${entry.to} · ${entry.reason}` : entry.to;
    case 'Stage': return entry.reason ? `${entry.to} · ${entry.reason}` : entry.to;
    default:
      if (entry.to === 'Waiting') return entry.reason || 'Waiting';
      if (entry.to === 'Running') return entry.ready ? 'Running · ready' : 'Running';
      if (entry.to === 'Terminated') return `${entry.reason || 'Terminated'} (exit ${entry.exitCode ?? '?'})`;
      return entry.to;
  }
}
