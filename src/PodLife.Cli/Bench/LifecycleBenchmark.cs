using System.Diagnostics;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Hosting;
using PodLife.Bench.Reporting;
using PodLife.Core.Client;
using PodLife.Store;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench lifecycle` and `podlife bench scale`: the API server on SQLite (every write durable), the scheduler,
/// the controllers and M simulated nodes in this process, all talking HTTPS as in `podlife up`. N pods
/// (registry.k8s.io/pause) are created at a given rate and timed from the create call to the moment a pod watch sees
/// them Ready; then (scale) every pod is listed as `kubectl get pods -A` lists them; then all are deleted (graceful,
/// through their nodes) until none is left.
/// </summary>
public static class LifecycleBenchmark
{
    /// <param name="ListAll">Also time `kubectl get pods -A` once every pod is Ready (the scale benchmark): its requests, and the real kubectl.</param>
    /// <param name="Cri">One real node on this containerd instead of simulated ones (<c>podlife bench cri</c>).</param>
    /// <param name="WarmUpSeconds">Seconds of the offered rate run through the cluster before the timed pods (<see cref="WarmUpAsync"/>); 0 for none.</param>
    /// <param name="RecordHistory">Record each pod's lifecycle history, as `podlife up` does; false measures a cluster like
    /// plain Kubernetes (`--no-history`), to tell what the history costs.</param>
    public sealed record Options(int Pods = 10_000, int Nodes = 100, double Rate = 100, double Speed = 1, bool ListAll = false,
        PodLife.Node.Cri.CriNodeOptions? Cri = null, double WarmUpSeconds = 5, bool RecordHistory = true);

    /// <summary>What one pod watch saw from the first create until every pod was Ready (the scale benchmark).</summary>
    /// <param name="Missed">Pods whose current resourceVersion the watch never delivered.</param>
    public sealed record WatchCheck(long Events, int Missed);

    public sealed record Result(Options Options, int Ready, TimeSpan CreatePhase, TimeSpan ToAllReady, TimeSpan P50, TimeSpan P99,
        TimeSpan DeleteAll, int Deleted, PagedListAll.Times? ListAll, long PeakRssBytes, TimeSpan CpuTime, WatchCheck? Watch = null,
        long PeakRssBeforeDeleteBytes = 0)
    {
        public int Pods => Options.Pods;
        public int Nodes => Options.Nodes;
        public double PodsPerSecond => Ready / ToAllReady.TotalSeconds;
        public double DeletesPerSecond => Deleted / DeleteAll.TotalSeconds;

        /// <summary>
        /// Targets (issue #10): at full speed at least 1,000 pods/s to Ready; at 100 pods/s offered, create->Ready p99
        /// under 50 ms; delete at least 1,000 pods/s; at scale, the paged list of every pod under 2 s and peak RSS under 3 GB.
        /// </summary>
        public IReadOnlyList<Figure> Figures(string bench)
        {
            var offered = Options.Rate > 0 ? $"{Options.Rate:0.#} pods/s offered" : "full speed";
            var figures = new List<Figure>
            {
                new(bench, $"{Pods} pods on {Nodes} nodes: Ready", Ready, "pods", Target.AtLeast(Pods)),
                new(bench, $"create->Ready throughput ({offered})", PodsPerSecond, "pods/s", Options.Rate == 0 ? Target.AtLeast(1_000) : null, LimitKind.DurableWrites),
                new(bench, $"create->Ready p50 ({offered})", P50.TotalMilliseconds, "ms", Limit: LimitKind.Fsyncs),
                new(bench, $"create->Ready p99 ({offered})", P99.TotalMilliseconds, "ms", Options.Rate is > 0 and <= 100 ? Target.AtMost(50) : null, LimitKind.Fsyncs),
                new(bench, $"delete {Pods} pods (grace period 0)", DeletesPerSecond, "pods/s", Target.AtLeast(1_000), LimitKind.DurableWrites),
            };
            if (ListAll is { } list)
            {
                figures.Add(new(bench, $"kubectl get pods -A ({Ready} pods, Table, paged): its {list.Pages} requests", list.Requests.TotalSeconds, "s", Target.AtMost(2)));
                if (list.Kubectl is { } kubectl)
                    figures.Add(new(bench, $"kubectl get pods -A: the real kubectl (its own 5 requests/s limit: >= {list.KubectlThrottleFloor.TotalSeconds:0.#} s)", kubectl.TotalSeconds, "s"));
            }
            if (Watch is { } watch)
            {
                figures.Add(new(bench, "pod watch: events seen until all Ready", watch.Events, "events"));
                figures.Add(new(bench, "pod watch: pods whose last change it missed", watch.Missed, "pods", Target.AtMost(0)));
            }
            // The scale target is the peak with every pod Running (created, Ready, listed); the delete after is its own figure.
            if (ListAll is not null)
                figures.Add(new(bench, "peak RSS until every pod is Running and listed", PeakRssBeforeDeleteBytes / (1024.0 * 1024), "MiB", Options.Nodes >= 5_000 ? Target.AtMost(3 * 1024) : null));
            figures.Add(new(bench, "peak RSS", PeakRssBytes / (1024.0 * 1024), "MiB"));
            figures.Add(new(bench, "CPU time", CpuTime.TotalSeconds, "s"));
            return figures;
        }
    }

    public static async Task<Result> RunAsync(Options options, TextWriter log, BenchProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = Directory.CreateTempSubdirectory("podlife-bench-").FullName;
        try
        {
            var cpu = Machine.CpuTime();
            Machine.ResetPeakRss(); // its own peak, not the one of a benchmark before it in `bench all`
            await using var store = await StoreFactory.OpenAsync(new StoreOptions { Backend = StoreBackend.Sqlite, DataDir = dataDir }, ct);
            await using var host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = dataDir, Port = 0, Store = store, RecordHistory = options.RecordHistory }, ct);
            using var cluster = UpCommand.BuildComponents(host, options.Nodes, options.Speed, options.Cri);
            await cluster.StartAsync(ct);
            try
            {
                var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig());
                // Deleting every pod at once is one request that lasts as long as the deletes do (minutes at scale on a
                // loaded machine), past the client's default 100 s.
                config.HttpClientTimeout = TimeSpan.FromMinutes(15);
                using var client = new Kubernetes(config);
                // A real node registers in the background once containerd answers; pods created before would wait to be scheduled.
                var nodes = options.Cri is null ? options.Nodes : 1;
                var setUp = Stopwatch.StartNew();
                await WaitForNodesAsync(client, nodes, progress, ct);
                if (options.Cri is null) await PrePullAsync(client, log, progress, ct);
                if (options.Cri is null && options.Rate > 0 && options.WarmUpSeconds > 0) await WarmUpAsync(client, options, log, progress, ct);
                await log.WriteLineAsync($"{nodes} nodes registered (set-up {setUp.Elapsed.TotalSeconds:0} s); creating {options.Pods} pods at {(options.Rate > 0 ? $"{options.Rate} pods/s" : "full speed")}{(options.RecordHistory ? "" : ", no lifecycle history")}");
                var timedCpu = Machine.CpuTime();
                var timedBytes = GC.GetTotalAllocatedBytes(precise: false);
                var result = await MeasureAsync(client, host, dataDir, options, log, progress, ct);
                await log.WriteLineAsync(TimedCost(options.Pods, Machine.CpuTime() - timedCpu, GC.GetTotalAllocatedBytes(precise: false) - timedBytes));
                return result with { CpuTime = Machine.CpuTime() - cpu };
            }
            finally
            {
                await cluster.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// What the timed pods cost the whole process (cluster and bench client): CPU and bytes allocated per pod, from the
    /// first create to the last delete. Allocation per pod hardly depends on the machine's load, so it is the figure to
    /// compare builds by when the machine is shared.
    /// </summary>
    internal static string TimedCost(int pods, TimeSpan cpu, long allocatedBytes) =>
        FormattableString.Invariant($"timed pods (create to deleted): CPU {cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds / Math.Max(pods, 1):0.00} ms per pod), allocated {allocatedBytes / 1e6:0} MB ({allocatedBytes / 1e3 / Math.Max(pods, 1):0.0} KB per pod)");

    static async Task WaitForNodesAsync(Kubernetes client, int nodes, BenchProgress progress, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var ready = 0;
            string? next = null;
            do
            {
                var page = await client.CoreV1.ListNodeAsync(limit: 1000, continueParameter: next, cancellationToken: ct);
                ready += page.Items.Count(n => n.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true);
                next = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(next));
            progress.Report("nodes Ready", ready, nodes);
            if (ready >= nodes) break;
            await Task.Delay(500, ct);
        }
        progress.Done();
    }

    /// <summary>
    /// Runs one pod of the bench's image on every node until Ready, then deletes them: the image is then on every node,
    /// as the Kubernetes e2e framework pre-pulls its images, and the pod startup SLO it measures excludes image pulls.
    /// Without it the first pod on each node waits for a pull (0.3 s for pause in the simulated catalog), which alone
    /// puts 100 of 3,000 pods on 100 nodes over 300 ms. Each pod is pinned by a required node affinity on the node's
    /// metadata.name, as the DaemonSet controller pins its pods, so the scheduler binds them and its path is warm too.
    /// </summary>
    static async Task PrePullAsync(Kubernetes client, TextWriter log, BenchProgress progress, CancellationToken ct)
    {
        var nodes = new List<string>();
        string? next = null;
        do
        {
            var page = await client.CoreV1.ListNodeAsync(limit: 1000, continueParameter: next, cancellationToken: ct);
            nodes.AddRange(page.Items.Select(n => n.Name()));
            next = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        const string selector = "app=bench-prepull";
        using var limit = new SemaphoreSlim(16);
        await Task.WhenAll(nodes.Select(async node =>
        {
            await limit.WaitAsync(ct);
            try
            {
                var pod = Pod($"prepull-{node}");
                pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "bench-prepull" };
                pod.Spec.Affinity = new V1Affinity
                {
                    NodeAffinity = new V1NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                        {
                            NodeSelectorTerms = [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [node] }] }],
                        },
                    },
                };
                await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: ct);
            }
            finally { limit.Release(); }
        }));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, cancellationToken: ct);
            var ready = pods.Items.Count(IsReady);
            progress.Report("pre-pulling the image on every node", ready, nodes.Count);
            if (ready >= nodes.Count) break;
            await Task.Delay(200, ct);
        }
        await DeleteAllAsync(client, selector, deadline, ct);
        progress.Done();
        await log.WriteLineAsync($"pre-pulled {BenchImage} on {nodes.Count} nodes");
    }

    static async Task<Result> MeasureAsync(Kubernetes client, ApiServerHost host, string dataDir, Options options, TextWriter log, BenchProgress progress,
        CancellationToken ct)
    {
        using var gcPauses = new GcPauses();
        var watch = await PodLatencyWatch.StartAsync(client, options.Pods, IsReady, ct);
        PodLatencyWatch.Latencies latencies;
        var begin = Stopwatch.GetTimestamp();
        TimeSpan createPhase, toAllReady;
        WatchCheck? watchCheck = null;
        var timeout = TimeSpan.FromSeconds(60 + options.Pods / 10.0);
        // One sample a second of the runtime's JIT time, to line up with the slowest pods' second of creation.
        var jitSamples = new List<(long At, TimeSpan Jit)>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                do
                {
                    lock (jitSamples) jitSamples.Add((Stopwatch.GetTimestamp(), System.Runtime.JitInfo.GetCompilationTime()));
                }
                while (await tick.WaitForNextTickAsync(sampling.Token));
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        await using (watch)
        {
            await CreateAtRateAsync(client, watch, options.Pods, options.Rate, i => Pod($"bench-{i}"), begin,
                created => progress.Report("creating pods", created, options.Pods), ct);
            createPhase = Stopwatch.GetElapsedTime(begin);
            var lastLine = Stopwatch.GetTimestamp();
            while (!watch.AllReached.IsCompleted && Stopwatch.GetElapsedTime(begin) < createPhase + timeout)
            {
                progress.Report("pods Ready", watch.ReachedCount, options.Pods);
                await Task.WhenAny(watch.AllReached, Task.Delay(200, ct));
                ct.ThrowIfCancellationRequested(); // Ctrl+C: the cancelled delay returns at once, which would spin this loop
                if (Stopwatch.GetElapsedTime(lastLine) > TimeSpan.FromSeconds(10))
                {
                    lastLine = Stopwatch.GetTimestamp();
                    await log.WriteLineAsync($"waiting: {watch.ReachedCount}/{options.Pods} pods seen Ready; {watch.Describe()}");
                }
            }
            if (watch.AllReached.IsFaulted) await watch.AllReached; // the pod watch failed: fail with its reason
            toAllReady = Stopwatch.GetElapsedTime(begin);
            await log.WriteLineAsync(FormattableString.Invariant($"created in {createPhase.TotalSeconds:0} s, all Ready after {toAllReady.TotalSeconds:0} s; {watch.Describe()}"));
            if (options.ListAll)
            {
                watchCheck = new WatchCheck(watch.Events, await watch.MissedAsync(client, TimeSpan.FromSeconds(30), ct));
                await log.WriteLineAsync(FormattableString.Invariant($"watch checked against a list in {(Stopwatch.GetElapsedTime(begin) - toAllReady).TotalSeconds:0} s"));
            }
            latencies = await watch.StopAsync();
            progress.Done();
            await sampling.CancelAsync();
            await sampler;
            foreach (var line in watch.Stages.Report(begin, gcPauses.All, gcPauses.BackgroundCollections)) await log.WriteLineAsync(line);
            await log.WriteLineAsync(GcPauses.Configuration());
            await log.WriteLineAsync(gcPauses.Summary());
            await log.WriteLineAsync(gcPauses.Gen1Anatomy());
            lock (jitSamples) log.WriteLine(gcPauses.PerSecond(begin, jitSamples));
        }

        if (options.ListAll) await log.WriteLineAsync("listing every pod as kubectl get pods -A does");
        var listStart = Stopwatch.GetTimestamp();
        var listAll = options.ListAll ? await PagedListAll.TimeAsync(host, dataDir, ct) : null;
        if (listAll is not null)
            await log.WriteLineAsync(FormattableString.Invariant(
                $"every pod listed, then with kubectl, in {Stopwatch.GetElapsedTime(listStart).TotalSeconds:0} s; during kubectl's {listAll.Pages} requests ({listAll.Requests.TotalSeconds:0.00} s): {gcPauses.Within(listStart, listAll.Requests)}"));

        var peakBeforeDelete = Machine.PeakRssBytes();
        var deleteStart = Stopwatch.GetTimestamp();
        // The answer lists every pod deleted: the bench does not decode 10,000 pods it has no use for (3 % of the run's CPU).
        await ApiWrites.DeletePodsAsync(client, "default", ct: ct);
        var left = options.Pods;
        while (left > 0 && Stopwatch.GetElapsedTime(deleteStart) < timeout)
        {
            await Task.Delay(100, ct);
            left = await CountPodsAsync(client, ct);
            progress.Report("pods deleted", options.Pods - left, options.Pods);
        }
        var deleteAll = Stopwatch.GetElapsedTime(deleteStart);
        progress.Done();

        return new Result(options, latencies.Count, createPhase, toAllReady, latencies.At(0.50), latencies.At(0.99), deleteAll, options.Pods - left, listAll,
            Machine.PeakRssBytes(), TimeSpan.Zero, watchCheck, peakBeforeDelete);
    }

    /// <summary>
    /// Creates <paramref name="count"/> pods at <paramref name="rate"/> pods/s from <paramref name="begin"/> (full speed
    /// when 0), at most 64 create calls in flight, stamping each call and its answer in <paramref name="watch"/>.
    /// </summary>
    static async Task CreateAtRateAsync(Kubernetes client, PodLatencyWatch watch, int count, double rate, Func<int, V1Pod> pod, long begin,
        Action<int> created, CancellationToken ct)
    {
        var creates = new List<Task>();
        using var limit = new SemaphoreSlim(64);
        for (var i = 0; i < count; i++)
        {
            if (rate > 0 && Stopwatch.GetElapsedTime(begin) is var elapsed && TimeSpan.FromSeconds(i / rate) - elapsed is { Ticks: > 0 } wait)
                await Task.Delay(wait, ct);
            await limit.WaitAsync(ct);
            var body = pod(i);
            created(i + 1);
            creates.Add(Task.Run(async () =>
            {
                try
                {
                    watch.Created(body.Name());
                    await CreateAsync(client, body, ct);
                    watch.Answered(body.Name());
                }
                finally { limit.Release(); }
            }, ct));
        }
        await Task.WhenAll(creates);
    }

    // A load generator's create: the same request as CreateNamespacedPodAsync (URL, body, credentials, errors as
    // exceptions), its answer read to the end but not decoded into a V1Pod, as `bench api`'s creators do. The
    // generator shares the cluster's two cores, which a user's client would not, so it does no work it does not need.
    static async Task CreateAsync(Kubernetes client, V1Pod pod, CancellationToken ct)
    {
        using var _ = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<ApiWrites.Skipped>(
            pod, "", "v1", "default", "pods", cancellationToken: ct);
    }

    /// <summary>
    /// Before a latency run (a rate is offered): runs <see cref="Options.WarmUpSeconds"/> of the offered rate through the same
    /// path as the timed pods (create at the rate, pod watch to Ready, delete), then waits until the runtime's JIT has
    /// been idle for a second (at most 20 s). The hot methods are compiled again, optimized, once they have been called
    /// often enough (tiered compilation); at 100 pods/s on two cores that recompiling took 130-630 ms of CPU per second
    /// for the first ~8 s of a run and held the slowest pods. The Kubernetes density tests likewise time their latency
    /// pods on a cluster that has already run pods. Full-speed runs are not warmed: their figure is throughput and CPU
    /// per pod of the whole run, start included.
    /// </summary>
    static async Task WarmUpAsync(Kubernetes client, Options options, TextWriter log, BenchProgress progress, CancellationToken ct)
    {
        var count = (int)Math.Clamp(Math.Ceiling(options.Rate * options.WarmUpSeconds), 1, options.Pods);
        const string selector = "app=bench-warmup";
        var clock = Stopwatch.StartNew();
        await using (var watch = await PodLatencyWatch.StartAsync(client, count, IsReady, ct))
        {
            await CreateAtRateAsync(client, watch, count, options.Rate, i => WarmUpPod($"warmup-{i}"), Stopwatch.GetTimestamp(),
                created => progress.Report("warming up", created, count), ct);
            await Task.WhenAny(watch.AllReached, Task.Delay(TimeSpan.FromSeconds(60 + count / 10.0), ct));
        }
        await DeleteAllAsync(client, selector, clock, ct);
        var pods = clock.Elapsed;
        // Idle: under 10 ms compiled in the last second, the background compiles of the warm-up's hot methods are done.
        var compiled = System.Runtime.JitInfo.GetCompilationTime();
        while (clock.Elapsed < pods + TimeSpan.FromSeconds(20))
        {
            await Task.Delay(1000, ct);
            var now = System.Runtime.JitInfo.GetCompilationTime();
            var idle = now - compiled < TimeSpan.FromMilliseconds(10);
            compiled = now;
            if (idle) break;
        }
        progress.Done();
        await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"warmed up: {count} pods at {options.Rate:0.#} pods/s created, Ready and deleted in {pods.TotalSeconds:0.0} s; JIT idle after {(clock.Elapsed - pods).TotalSeconds:0} s more"));
    }

    static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true;

    /// <summary>Deletes the pods of <paramref name="selector"/> and waits until they are gone, until 5 minutes after <paramref name="since"/> started.</summary>
    static async Task DeleteAllAsync(Kubernetes client, string selector, Stopwatch since, CancellationToken ct)
    {
        await ApiWrites.DeletePodsAsync(client, "default", selector, ct);
        while (since.Elapsed < TimeSpan.FromMinutes(5)
            && (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, limit: 1, cancellationToken: ct)).Items.Count > 0)
            await Task.Delay(200, ct);
    }

    static V1Pod WarmUpPod(string name)
    {
        var pod = Pod(name);
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "bench-warmup" };
        return pod;
    }

    // The list's remainingItemCount says how many are left without fetching them all.
    static async Task<int> CountPodsAsync(Kubernetes client, CancellationToken ct)
    {
        var page = await client.CoreV1.ListNamespacedPodAsync("default", limit: 1, cancellationToken: ct);
        return page.Items.Count + (int)(page.Metadata.RemainingItemCount ?? 0);
    }

    const string BenchImage = "registry.k8s.io/pause:3.10";

    static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "bench" } },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 0,
            Containers = [new V1Container { Name = "pause", Image = BenchImage }],
        },
    };
}
