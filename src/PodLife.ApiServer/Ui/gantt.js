// Draws lanes from timeline-model.js as a Gantt chart: one row per lane, segments positioned in percent of the
// time range, events as markers on their own row, and a time axis relative to the first entry.
import { h } from './dom.js';
import { clock, humanDuration } from './format.js';

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);
const MAX_TICKS = 8;

export function gantt({ lanes, events, start, end }) {
  const span = Math.max(end - start, 1000);
  const at = (t) => `${((t - start) / span) * 100}%`;
  const width = (a, b) => `${Math.max(((b - a) / span) * 100, 0.4)}%`;
  return h('div', { class: 'gantt' },
    axis(start, span, at),
    lanes.map((lane) => h('div', { class: 'lane', 'data-lane': lane.key },
      h('div', { class: `lane-title kind-${lane.kind}` }, lane.title),
      h('div', { class: 'track' },
        lane.segments.map((s) => h('div', {
          class: `segment state-${s.state}`,
          'data-to': s.entry.to,
          style: { left: at(s.start), width: width(s.start, s.end) },
          title: tooltip(s.entry, s.start, s.end),
        }, h('span', {}, s.label))),
        lane.markers.map((m) => h('div', {
          class: (m.time - start) / span > 0.85 ? 'restart near-end' : 'restart', // keep the label inside the chart
          style: { left: at(m.time) },
          title: `restart ${m.count ?? ''} at ${clock(m.time)}`,
        },
          h('span', {}, `↻${m.count ?? ''}`)))))),
    h('div', { class: 'lane', 'data-lane': 'Event' },
      h('div', { class: 'lane-title kind-Event' }, 'events'),
      h('div', { class: 'track events' },
        events.map(({ time, entry }) => h('div', {
          class: `event type-${entry.to}`,
          'data-reason': entry.name,
          style: { left: at(time) },
          title: `${clock(time)}  ${entry.to} ${entry.name}${entry.count > 1 ? ` (x${entry.count})` : ''}\n${entry.message ?? ''}`,
        })))));
}

function axis(start, span, at) {
  const step = STEPS.find((s) => span / s <= MAX_TICKS) ?? STEPS.at(-1);
  const ticks = [];
  for (let t = 0; t <= span; t += step) ticks.push(t);
  return h('div', { class: 'lane axis' },
    h('div', { class: 'lane-title' }, clock(start)),
    h('div', { class: 'track' }, ticks.map((t) => h('div', { class: 'tick', style: { left: at(start + t) } }, `+${humanDuration(t)}`))));
}

function tooltip(entry, start, end) {
  const lines = [`${entry.kind} ${entry.name ?? ''}: ${entry.to}`.replace('  ', ' ')];
  if (entry.reason) lines.push(`reason: ${entry.reason}`);
  if (entry.message) lines.push(entry.message);
  if (entry.exitCode !== undefined) lines.push(`exit code ${entry.exitCode}`);
  if (entry.restartCount !== undefined) lines.push(`restarts: ${entry.restartCount}`);
  lines.push(`${clock(start)} for ${humanDuration(end - start)}`);
  return lines.join('\n');
}
