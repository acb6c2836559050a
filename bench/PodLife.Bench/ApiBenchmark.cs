using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Hosting;
using PodLife.Bench.Reporting;
using PodLife.Store.Sqlite;

namespace PodLife.Bench;

/// <summary>
/// `podlife bench api`: the API server over HTTPS on SQLite: pod creates from 64 clients (against the store's own
/// 64-writer create rate measured in the same run), single-pod GETs and 1,000-pod Table pages from 64 clients, listing
/// every pod as a kubectl Table, and how fast one change reaches many watchers.
/// </summary>
public static class ApiBenchmark
{
    const string Pods = "/api/v1/namespaces/default/pods";
    const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    const int Clients = 64;
    const int PageSize = 1_000;

    // Targets: creates/s through HTTPS within 2x of the store's own create rate at 64 clients (issue #5); a Table list of
    // 10,000 pods under 500 ms and 100 watchers getting each change within 10 ms p99 (issue #10).
    public static async Task<IReadOnlyList<Figure>> RunAsync(ApiBenchmarkOptions options, TextWriter output, BenchProgress? progress = null)
    {
        var root = Directory.CreateDirectory(Path.Combine(options.DataDir, $"bench-api-{Guid.NewGuid():N}")).FullName;
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(root, "store"), historyWindow: 100_000);
            await using var server = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = root, Port = 0, Store = store });
            using var http = server.CreateHttpClient(server.AdminToken);
            await output.WriteLineAsync($"api benchmark: {options.Pods} pods, {options.Watchers} watchers, {Environment.ProcessorCount} cores, HTTPS on SQLite");

            // CPU time per operation (server and client together, as they share this process) is printed beside the
            // latencies: on a shared machine it says what the work costs when the wall clock mostly says how busy others are.
            var cpu = CpuTime();
            var created = await ThroughputAsync(options.Pods, i => LoadAsync(http, HttpMethod.Post, Pods, PodBody($"bench-{i}"), null), "creating pods", progress);
            var createCpu = CpuSince(cpu, options.Pods);
            await output.WriteLineAsync($"create pods, {Clients} clients: {created,10:N0} creates/s, CPU {createCpu:F2} ms per create");

            // The store's own rate, measured now on this machine and disk with values the size of a stored pod, is
            // what the HTTPS create rate is judged against.
            var podBytes = (await store.GetAsync("/registry/pods/default/bench-0"))?.Value.Length ?? 1_024;
            var storeRate = await StoreCreateRateAsync(Path.Combine(root, "store-alone"), options.Pods, podBytes);
            var ratio = storeRate / created;
            await output.WriteLineAsync(
                $"store alone, create, {Clients} writers: {storeRate,10:N0} writes/s ({podBytes:N0}-byte values); HTTPS creates are {ratio:F2}x slower (target 2x: {(ratio <= 2 ? "met" : "not met")})");

            cpu = CpuTime();
            var gets = await ThroughputAsync(options.Gets, i => LoadAsync(http, HttpMethod.Get, $"{Pods}/bench-{i % options.Pods}", null, null), "getting pods", progress);
            var getCpu = CpuSince(cpu, options.Gets);
            await output.WriteLineAsync($"get one pod, {Clients} clients: {gets,10:N0} gets/s, CPU {getCpu:F2} ms per get");

            var page = Math.Min(PageSize, options.Pods);
            cpu = CpuTime();
            var pages = await ThroughputAsync(options.PageLists, _ => LoadAsync(http, HttpMethod.Get, $"{Pods}?limit={page}", null, TableAccept), "listing pages", progress);
            var pageCpu = CpuSince(cpu, options.PageLists);
            await output.WriteLineAsync($"list {page} pods as Table (limit={page}), {Clients} clients: {pages,10:N1} lists/s, CPU {pageCpu:F1} ms per list");

            cpu = CpuTime();
            var list = await TimesAsync(options.ListRuns, () => LoadAsync(http, HttpMethod.Get, Pods, null, TableAccept));
            await output.WriteLineAsync(
                $"list {options.Pods} pods as Table: p50 {Percentile(list, 50):F1} ms, p99 {Percentile(list, 99):F1} ms ({options.ListRuns} lists), CPU {CpuSince(cpu, options.ListRuns):F1} ms per list");

            // The same fan-out three ways, as watchers reach a kube-apiserver: the headline is 100 separate clients each on
            // its own HTTP/2 connection (100 `kubectl get -w`; kubectl and client-go speak HTTP/2); then 100 watches of one
            // client multiplexed on one HTTP/2 connection (informers in one process), and 100 HTTP/1.1 connections.
            var separate = Enumerable.Range(0, options.Watchers).Select(_ => Http2(server.CreateHttpClient(server.AdminToken))).ToList();
            using var shared = Http2(server.CreateHttpClient(server.AdminToken));
            FanOut fanOut, alone, oneConnection, http1;
            try
            {
                // Unmeasured first: the first thousands of deliveries run the watch path's code before the runtime has
                // recompiled it optimized (tiered compilation, PodLife.Cli.csproj), and those recompiles ran during the
                // burst (CPU per change 12-15 ms instead of 6-8). A server that has run a while is warm; so is this one.
                await WatchFanOutAsync(http, "watched-warm-up", separate, options.Watchers, options.WatchEvents, output, "separate clients, HTTP/2, warm-up, not counted");
                fanOut = await WatchFanOutAsync(http, "watched", separate, options.Watchers, options.WatchEvents, output, "separate clients, HTTP/2");
                alone = await WatchFanOutAsync(http, "watched-alone", separate, options.Watchers, options.WatchEvents, output, "separate clients, HTTP/2, one change at a time", oneAtATime: true);
                oneConnection = await WatchFanOutAsync(http, "watched-shared", [shared], options.Watchers, options.WatchEvents, output, "one HTTP/2 connection");
                http1 = await WatchFanOutAsync(http, "watched-http1", [http], options.Watchers, options.WatchEvents, output, "HTTP/1.1, a connection each");
            }
            finally
            {
                foreach (var client in separate) client.Dispose();
            }
            return
            [
                new Figure("api", $"create pods, {Clients} clients", created, "pods/s", Limit: LimitKind.DurableWrites),
                new Figure("api", "CPU per create", createCpu, "ms"),
                new Figure("api", $"store alone: create, {Clients} writers, pod-sized values", storeRate, "writes/s", Limit: LimitKind.DurableWrites),
                new Figure("api", $"store create rate / HTTPS create rate, {Clients} clients", ratio, "x", Target.AtMost(2)),
                new Figure("api", $"get one pod, {Clients} clients", gets, "gets/s"),
                new Figure("api", "CPU per get", getCpu, "ms"),
                new Figure("api", $"list {page} pods as Table, {Clients} clients", pages, "lists/s"),
                new Figure("api", $"CPU per list of {page} pods as Table", pageCpu, "ms"),
                new Figure("api", $"list {options.Pods} pods as Table p50", Percentile(list, 50), "ms"),
                new Figure("api", $"list {options.Pods} pods as Table p99", Percentile(list, 99), "ms", options.Pods <= 10_000 ? Target.AtMost(500) : null),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers (HTTP/2 clients) p50", Percentile(fanOut.Delivery, 50), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers (HTTP/2 clients) p99", Percentile(fanOut.Delivery, 99), "ms", Target.AtMost(10)),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers (HTTP/2 clients)", fanOut.EventsPerSecond, "events/s"),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers (HTTP/2 clients), one change at a time, p50", Percentile(alone.Delivery, 50), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers (HTTP/2 clients), one change at a time, p99", Percentile(alone.Delivery, 99), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watches on one HTTP/2 connection p50", Percentile(oneConnection.Delivery, 50), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watches on one HTTP/2 connection p99", Percentile(oneConnection.Delivery, 99), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers over HTTP/1.1 p50", Percentile(http1.Delivery, 50), "ms"),
                new Figure("api", $"watch fan-out to {options.Watchers} watchers over HTTP/1.1 p99", Percentile(http1.Delivery, 99), "ms"),
            ];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    static async Task<double> StoreCreateRateAsync(string dir, int operations, int valueBytes)
    {
        await using var alone = await SqliteStore.OpenAsync(dir, historyWindow: 100_000);
        return await StoreMeasurements.CreatesPerSecondAsync(alone, "/registry/pods/default/", operations, Clients, valueBytes);
    }

    // Operation i for every i below the count, from 64 concurrent clients; returns operations per second.
    static async Task<double> ThroughputAsync(int operations, Func<int, Task> operation, string what, BenchProgress? progress)
    {
        progress ??= BenchProgress.None;
        var done = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < operations; i = Interlocked.Increment(ref next))
            {
                await operation(i);
                progress.Report(what, Interlocked.Increment(ref done), operations);
            }
        }));
        progress.Done();
        return operations / clock.Elapsed.TotalSeconds;
    }

    sealed record FanOut(List<double> Delivery, double EventsPerSecond);

    static HttpClient Http2(HttpClient client)
    {
        client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return client;
    }

    // Watcher i watches through clients[i % clients.Count] and stamps the arrival of each change; change i is sent with
    // its number in a label ("<pod>-s<i>"). Also returns the events delivered per second, from the first change's send to
    // the last watcher's last event. Prints one line, with the CPU time per change.
    static async Task<FanOut> WatchFanOutAsync(HttpClient http, string pod, IReadOnlyList<HttpClient> clients, int watchers, int events, TextWriter output, string how,
        bool oneAtATime = false)
    {
        await SendAsync(http, HttpMethod.Post, Pods, PodJson(pod), null);
        var rv = JsonNode.Parse(await SendAsync(http, HttpMethod.Get, Pods + "?limit=1", null, null))!["metadata"]!["resourceVersion"]!.GetValue<string>();
        // The watchers stand for other processes (100 `kubectl get -w`) but share this one with the server: what they
        // allocate per event is collected in the server's pauses, which fall into the measured deliveries. So their
        // bookkeeping is arrays indexed by the change's number, read from each line's bytes: no string, dictionary
        // entry or boxed task per event. The figure is the server's delivery, not 100 clients' decoding.
        var sentAt = new long[events];
        var arrivals = new int[events];
        var delivery = new double[watchers * events];
        var delivered = 0;
        // One change at a time: the next change is sent once every watcher has this one, so a delivery never queues
        // behind the changes before it; the figure is then each change's own fan-out latency.
        var allArrived = Enumerable.Range(0, events).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var label = Encoding.UTF8.GetBytes($"\"step\":\"{pod}-s");
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(watchers);
        var readers = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            var url = $"{Pods}?watch=true&fieldSelector=metadata.name%3D{pod}&resourceVersion={rv}";
            using var response = await clients[w % clients.Count].GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
            var lines = new WatchLines();
            ready.Signal();
            var seen = 0;
            while (seen < events && await lines.ReadAsync(stream, stop.Token))
            {
                while (lines.TryNext(out var line))
                {
                    if (StepOf(line, label) is not { } step || step >= events || Volatile.Read(ref sentAt[step]) is not (> 0 and var at)) continue;
                    delivery[Interlocked.Increment(ref delivered) - 1] = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                    seen++;
                    if (Interlocked.Increment(ref arrivals[step]) == watchers) allArrived[step].TrySetResult();
                }
            }
        })).ToList();
        ready.Wait(TimeSpan.FromSeconds(60));
        // From here: the connections and their TLS handshakes are made, what follows is the fan-out's own cost.
        var cpu = CpuTime();
        var collector = CollectorState.Now();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            Volatile.Write(ref sentAt[i], Stopwatch.GetTimestamp());
            await SendAsync(http, HttpMethod.Patch, Pods + "/" + pod, "{\"metadata\":{\"labels\":{\"step\":\"" + pod + "-s" + i + "\"}}}", null, "application/merge-patch+json");
            if (oneAtATime) await Task.WhenAny(allArrived[i].Task, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        var all = Task.WhenAll(readers);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) != all) await stop.CancelAsync();
        var count = Volatile.Read(ref delivered);
        var result = new FanOut([.. delivery.AsSpan(0, count)], count / clock.Elapsed.TotalSeconds);
        await output.WriteLineAsync(
            $"watch fan-out, {watchers} watchers ({how}) x {events} changes: delivery p50 {Percentile(result.Delivery, 50):F1} ms, p99 {Percentile(result.Delivery, 99):F1} ms, {result.EventsPerSecond:N0} events/s delivered, CPU {CpuSince(cpu, events):F2} ms per change; {CollectorState.Now().Since(collector)}");
        return result;
    }

    /// <summary>The number i of the step label <paramref name="label"/>i on a watch line, or null when it has none.</summary>
    static int? StepOf(ReadOnlySpan<byte> line, ReadOnlySpan<byte> label)
    {
        var start = line.IndexOf(label);
        if (start < 0) return null;
        var value = line[(start + label.Length)..];
        var end = value.IndexOf((byte)'"');
        return end > 0 && System.Buffers.Text.Utf8Parser.TryParse(value[..end], out int step, out var used) && used == end && step >= 0 ? step : null;
    }

    /// <summary>A watch stream's lines as byte ranges of one growing buffer, with no string made of them.</summary>
    sealed class WatchLines
    {
        byte[] _buffer = new byte[16 * 1024];
        int _start, _end;

        /// <summary>Reads what the stream has next after the lines taken; false at its end.</summary>
        // Pooled: a read that waits does not leave a task object behind, once per event of every watcher.
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<bool> ReadAsync(Stream stream, CancellationToken ct)
        {
            // The part of a line not complete yet moves to the front; a line longer than the buffer doubles it.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_start, _end) = (0, _end - _start);
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += read;
            return read > 0;
        }

        /// <summary>The next complete line read (without its newline); false until more is read.</summary>
        public bool TryNext(out ArraySegment<byte> line)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                line = default;
                return false;
            }
            line = new ArraySegment<byte>(_buffer, _start, newline);
            _start += newline + 1;
            return true;
        }
    }

    static TimeSpan CpuTime() => Machine.CpuTime();

    static double CpuSince(TimeSpan start, int operations) => (CpuTime() - start).TotalMilliseconds / operations;

    static async Task<List<double>> TimesAsync(int runs, Func<Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    static double Percentile(List<double> values, int percentile) => Percentiles.Of(values, percentile);

    static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string? body, string? accept, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    // A load generator's request: the body already encoded (only the name differs from pod to pod), and the answer read
    // to its end (so the connection can carry the next request) but not decoded: what is measured is the server.
    static readonly byte[] PodBodyStart = Encoding.UTF8.GetBytes("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""),
        PodBodyEnd = Encoding.UTF8.GetBytes("\"},\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.36\"}]}}");

    static byte[] PodBody(string name)
    {
        var body = new byte[PodBodyStart.Length + Encoding.UTF8.GetByteCount(name) + PodBodyEnd.Length];
        PodBodyStart.CopyTo(body, 0);
        var at = PodBodyStart.Length + Encoding.UTF8.GetBytes(name, body.AsSpan(PodBodyStart.Length));
        PodBodyEnd.CopyTo(body, at);
        return body;
    }

    static readonly MediaTypeHeaderValue JsonType = new("application/json");

    static async Task LoadAsync(HttpClient http, HttpMethod method, string path, byte[]? body, string? accept)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await using var answer = await response.Content.ReadAsStreamAsync();
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await answer.ReadAsync(scratch) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    static string PodJson(string name) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.36\"}]}}";
}
