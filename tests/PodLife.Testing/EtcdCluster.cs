using System.Diagnostics;

namespace PodLife.Testing;

/// <summary>
/// One or more real etcd members (Debian's /usr/bin/etcd) on free loopback ports with temporary data
/// directories, started for a test and stopped (and their directories deleted) on dispose.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    public const string Binary = "/usr/bin/etcd";

    // On tmpfs when there is one: these members die with their test, so disk syncs would only cost time.
    readonly TempDirectory _dir = new("/dev/shm");
    readonly Member[] _members;

    sealed record Member(string Name, int ClientPort, int PeerPort)
    {
        public Process? Process { get; set; }
        /// <summary>Its raft member id, once it has reported it.</summary>
        public string? Id { get; set; }
        /// <summary>Its last lines of output (etcd's errors and raft's election log), for a test that fails.</summary>
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> Log = new();
        public string ClientUrl => $"http://127.0.0.1:{ClientPort}";
        public string PeerUrl => $"http://127.0.0.1:{PeerPort}";
    }

    EtcdCluster(int size) =>
        _members = [.. Enumerable.Range(0, size).Select(i => new Member($"m{i}", FreePort.Next(), FreePort.Next()))];

    /// <summary>Client URLs of every member, in member order.</summary>
    public IReadOnlyList<string> Endpoints => [.. _members.Select(m => m.ClientUrl)];

    /// <summary>Starts <paramref name="size"/> members and waits until every one accepts clients.</summary>
    public static async Task<EtcdCluster> StartAsync(int size = 1)
    {
        if (!File.Exists(Binary))
            throw new FileNotFoundException($"{Binary} not found: install the etcd-server package (scripts/install-test-deps.sh)");
        var cluster = new EtcdCluster(size);
        try
        {
            foreach (var m in cluster._members) cluster.Start(m);
            await Task.WhenAll(cluster._members.Select(WaitUntilHealthyAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    void Start(Member m)
    {
        var initialCluster = string.Join(',', _members.Select(x => $"{x.Name}={x.PeerUrl}"));
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--name", m.Name, "--data-dir", Path.Combine(_dir.Path, m.Name),
            "--listen-client-urls", m.ClientUrl, "--advertise-client-urls", m.ClientUrl,
            "--listen-peer-urls", m.PeerUrl, "--initial-advertise-peer-urls", m.PeerUrl,
            "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
            // Short raft timers so that a lost leader is replaced within a second on loopback.
            "--heartbeat-interval", "50", "--election-timeout", "500", "--log-level", "error",
        }) psi.ArgumentList.Add(arg);
        m.Process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Binary}");
        m.Process.OutputDataReceived += (_, e) => Keep(m, e.Data);
        m.Process.ErrorDataReceived += (_, e) => Keep(m, e.Data);
        m.Process.BeginOutputReadLine();
        m.Process.BeginErrorReadLine();
    }

    // The client port opens before the member has joined a cluster with a leader; /health says when it serves.
    static async Task WaitUntilHealthyAsync(Member m)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (m.Process!.HasExited) throw new InvalidOperationException($"etcd member {m.Name} exited with code {m.Process.ExitCode}");
            try
            {
                var body = await http.GetStringAsync($"{m.ClientUrl}/health");
                if (body.Contains("\"health\":\"true\"", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"etcd member {m.Name} did not become healthy in 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The index of the running member that is raft leader now, asked through etcd's JSON gateway
    /// (<c>/v3/maintenance/status</c> reports each member's own id and the leader's id): the leader as it reports
    /// itself, or as another running member reports it (a leader busy with writes may answer late).
    /// </summary>
    public async Task<int> LeaderIndexAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var leaders = new List<string>();
            foreach (var m in Running())
            {
                try
                {
                    using var response = await http.PostAsync($"{m.ClientUrl}/v3/maintenance/status", new StringContent("{}"));
                    using var status = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    m.Id = status.RootElement.GetProperty("header").GetProperty("member_id").GetString();
                    if (status.RootElement.TryGetProperty("leader", out var l) && l.GetString() is { } leader) leaders.Add(leader);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException) { }
            }
            foreach (var leader in leaders)
            {
                var index = Array.FindIndex(_members, m => m.Id == leader && m.Process is { HasExited: false });
                if (index >= 0) return index;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no running etcd member was reported as leader in 30 s; their last output:\n"
                    + string.Join("\n", Running().Select(m => $"{m.Name}: {string.Join("\n  ", m.Log)}")));
            await Task.Delay(50);
        }
    }

    IEnumerable<Member> Running() => _members.Where(m => m.Process is { HasExited: false });

    static void Keep(Member m, string? line)
    {
        if (line is null) return;
        m.Log.Enqueue(line);
        while (m.Log.Count > 20) m.Log.TryDequeue(out _);
    }

    /// <summary>Kills member <paramref name="index"/> (SIGKILL), as a crashed machine would stop.</summary>
    public async Task StopMemberAsync(int index)
    {
        var p = _members[index].Process;
        if (p is null || p.HasExited) return;
        p.Kill();
        await p.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _members.Length; i++) await StopMemberAsync(i);
        foreach (var m in _members) m.Process?.Dispose();
        _dir.Dispose();
    }
}
