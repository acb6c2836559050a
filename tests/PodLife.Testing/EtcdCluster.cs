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
        m.Process.OutputDataReceived += (_, _) => { };
        m.Process.ErrorDataReceived += (_, _) => { };
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
    /// The index of the member that is raft leader now, asked through etcd's JSON gateway
    /// (<c>/v3/maintenance/status</c> reports each member's own id and the leader's id).
    /// </summary>
    public async Task<int> LeaderIndexAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            for (var i = 0; i < _members.Length; i++)
            {
                if (_members[i].Process is not { HasExited: false }) continue;
                try
                {
                    using var response = await http.PostAsync($"{_members[i].ClientUrl}/v3/maintenance/status", new StringContent("{}"));
                    using var status = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var self = status.RootElement.GetProperty("header").GetProperty("member_id").GetString();
                    var leader = status.RootElement.TryGetProperty("leader", out var l) ? l.GetString() : null;
                    if (self is not null && self == leader) return i;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException) { }
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no etcd member reported itself as leader in 30 s");
            await Task.Delay(50);
        }
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
