namespace PodLife.Store;

/// <summary>
/// How much history a store keeps for resumed watches and for the later pages of a paged list, and so up to where its
/// automatic compaction may go: a revision stays while it is among the last <see cref="Revisions"/> or was written less
/// than <see cref="Age"/> ago. kube-apiserver compacts etcd every 5 minutes up to the revision of 5 minutes before, so a
/// client may count on 5 minutes: `kubectl get pods -A` over 100,000 pods reads hundreds of pages from one snapshot
/// while every node keeps writing, which a count of revisions alone could outrun within seconds.
/// </summary>
public sealed record HistoryRetention(long Revisions, TimeSpan Age)
{
    /// <summary>kube-apiserver's compaction interval (its --etcd-compaction-interval default).</summary>
    public static readonly TimeSpan KubernetesAge = TimeSpan.FromMinutes(5);

    /// <summary>Keeps only a count of revisions (no age): what tests of compaction itself want.</summary>
    public static HistoryRetention Count(long revisions) => new(revisions, TimeSpan.Zero);

    /// <summary>Compact once this many revisions are past the point, so each round has real work.</summary>
    public long Slack => Math.Max(100, Revisions / 10);

    /// <summary>
    /// Tracks when revisions were written, for one store's automatic compaction; <paramref name="closed"/> hears of each
    /// second of writes as it closes (its newest revision and when it began), for a store that keeps them across restarts.
    /// </summary>
    public Planner Plan(TimeProvider clock, Action<long, DateTimeOffset>? closed = null) => new(this, clock, closed);

    /// <summary>
    /// Remembers when revisions were written, in one-second buckets (so at most <see cref="Age"/> in seconds of them), and
    /// says up to where history may be compacted: a bucket's revisions go once its second is <see cref="Age"/> old, so
    /// history stays at least that long and at most a second more. Not thread-safe: one writer calls it.
    /// </summary>
    public sealed class Planner(HistoryRetention retention, TimeProvider clock, Action<long, DateTimeOffset>? closed)
    {
        static readonly TimeSpan Bucket = TimeSpan.FromSeconds(1);
        readonly Queue<(long Start, long Revision)> _closed = new(); // full buckets: their start, their newest revision
        (long Start, long Revision)? _open;                          // the bucket of the newest writes
        long _aged; // every revision up to here was written at least Age ago

        /// <summary>
        /// Whether the planner goes by age at all (else by the count of revisions alone, and
        /// <see cref="Remember"/> has nothing to do).
        /// </summary>
        public bool ByAge => retention.Age > TimeSpan.Zero;

        /// <summary>
        /// Records that every revision up to <paramref name="revision"/> was written by <paramref name="writtenAt"/>: what
        /// an earlier run of the store wrote, so that its history ages as if this process had been running all along (a
        /// store restarted more often than <see cref="Age"/> would otherwise never compact). Call in revision order,
        /// before the first <see cref="Target"/>.
        /// </summary>
        public void Remember(long revision, DateTimeOffset writtenAt)
        {
            if (!ByAge) return;
            var ago = clock.GetUtcNow() - writtenAt;
            var start = clock.GetTimestamp() - (long)(Math.Max(0, ago.TotalSeconds) * clock.TimestampFrequency);
            _closed.Enqueue((start, revision));
        }

        /// <summary>
        /// Records that <paramref name="revision"/> is the newest and returns the revision to compact up to, or 0 when
        /// <paramref name="compacted"/> is close enough to the retained history that a round is not worth it yet.
        /// </summary>
        public long Target(long revision, long compacted)
        {
            var target = revision - retention.Revisions;
            if (retention.Age > TimeSpan.Zero)
            {
                var now = clock.GetTimestamp();
                if (_open is { } open && clock.GetElapsedTime(open.Start, now) < Bucket) _open = (open.Start, revision);
                else
                {
                    if (_open is { } full)
                    {
                        _closed.Enqueue(full);
                        closed?.Invoke(full.Revision, clock.GetUtcNow() - clock.GetElapsedTime(full.Start, now));
                    }
                    _open = (now, revision);
                }
                while (_closed.Count > 0 && clock.GetElapsedTime(_closed.Peek().Start, now) >= retention.Age + Bucket)
                    _aged = _closed.Dequeue().Revision;
                target = Math.Min(target, _aged);
            }
            return target - compacted >= retention.Slack ? target : 0;
        }
    }
}
