using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PodLife.Node.Agent;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A node's feed skips, undecoded, the events of the versions its own status writes made (<see cref="OwnStatusWrites"/>),
/// and only those: another writer's change always reaches the node.
/// </summary>
public sealed class OwnStatusWritesTests
{
    // A pod's event as our API server writes it: labels, where a pod has them, before its uid and resourceVersion.
    static byte[] Line(string type, string uid, ulong version, string labels = "") => Encoding.UTF8.GetBytes(
        "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\"" + labels
        + ",\"namespace\":\"default\",\"uid\":\"" + uid + "\",\"resourceVersion\":\"" + version + "\"},\"spec\":{\"nodeName\":\"node-1\"}}}");

    [Fact]
    public void TheEventOfAVersionTheNodeMadeIsSkippedOnce()
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);

        Assert.True(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 42)));
        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 42)));
        Assert.Equal(0, writes.Pending);
    }

    [Fact]
    public void OtherVersionsAreDecoded()
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);

        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 41)));
        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 43)));
    }

    [Fact]
    public void AVersionTheFeedHasAlreadyPassedIsNotKept()
    {
        // The watch can deliver a write's event before the writer has read the write's answer.
        var writes = new OwnStatusWrites();
        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 42)));

        writes.Wrote("uid-1", 42);
        writes.Wrote("uid-2", 40);

        Assert.Equal(0, writes.Pending);
    }

    [Theory]
    [InlineData("DELETED", "uid-1")]
    [InlineData("ADDED", "uid-1")]
    [InlineData("MODIFIED", "uid-2")]
    public void OnlyAModificationOfThePodWrittenIsSkipped(string type, string uid)
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);

        Assert.False(writes.IsOwnWrite(Line(type, uid, 42)));
    }

    [Fact]
    public void TheObjectsOwnVersionAndUidCountNotLabelsNamedLikeThem()
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);
        writes.Wrote("uid-1", 43);

        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-2", 41, labels: ",\"labels\":{\"resourceVersion\":\"42\",\"uid\":\"uid-1\"}")));
        Assert.True(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 43, labels: ",\"labels\":{\"resourceVersion\":\"42\",\"uid\":\"uid-2\"}")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"uid\":\"uid-1\",\"resourceVersion\":42}}}")]
    [InlineData("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"uid\":\"uid-1\",\"resourceVersion\":\"4")]
    [InlineData("{\"type\":\"MODIFIED\",\"object\":[]}")]
    [InlineData("{\"type\":7,\"object\":{\"metadata\":{\"uid\":\"uid-1\",\"resourceVersion\":\"42\"}}}")]
    [InlineData("{\"object\":{\"metadata\":{\"uid\":\"uid-1\",\"resourceVersion\":\"42\"}},\"type\":\"MODIFIED\"}")]
    [InlineData("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"uid\":\"uid-1\"}}}")]
    public void AMalformedOrStrangeLineIsLeftToTheDecode(string line)
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);

        Assert.False(writes.IsOwnWrite(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void AListForgetsTheVersionsWaitingForTheirEvents()
    {
        var writes = new OwnStatusWrites();
        writes.Wrote("uid-1", 42);
        writes.Wrote("uid-1", 50);

        writes.Listed(45);

        Assert.Equal(0, writes.Pending);
        Assert.False(writes.IsOwnWrite(Line("MODIFIED", "uid-1", 50)));
        writes.Wrote("uid-1", 44);
        Assert.Equal(0, writes.Pending);
    }

    [Theory]
    [InlineData("123", 123UL)]
    [InlineData("0", 0UL)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("-1", null)]
    [InlineData("12a", null)]
    [InlineData(" 12", null)]
    public void ResourceVersionsAreDecimalDigits(string? text, ulong? expected) => Assert.Equal(expected, OwnStatusWrites.Parse(text));

    [Fact]
    public async Task ANodeDecodesNoneOfItsOwnStatusWrites()
    {
        var writes = new StatusWrites();
        await using var h = await NodeHarness.StartAsync(nodeRequests: writes);
        writes.Registered = h.Agent.OwnWrites.Awaits;
        await h.RunAsync(NodeHarness.Pod("web", NodeHarness.Shell("main", "sleep 3600")));

        var running = await h.UntilAsync("web", p => p.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);

        // Every status write named the version it was made on.
        Assert.True(writes.Bodies.Count >= 2, $"{writes.Bodies.Count} status writes");
        Assert.All(writes.Bodies, b => Assert.NotNull(JsonNode.Parse(b)?["metadata"]?["resourceVersion"]));
        // Each write's event came after its answer and was skipped: the node's pod is still the version bound to it.
        var worker = Assert.Single(h.Agent.Workers);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (h.Agent.OwnWrites.Pending > 0 && DateTime.UtcNow < deadline) await Task.Delay(10, NodeHarness.Token);
        Assert.Equal(0, h.Agent.OwnWrites.Pending);
        Assert.True(ulong.Parse(worker.Pod.ResourceVersion()) < ulong.Parse(running.ResourceVersion()));
        Assert.Equal("Pending", worker.Pod.Status?.Phase);
    }

    [Fact]
    public async Task AnotherWritersVersionAnsweredToTheNodeStillReachesIt()
    {
        // Just before the node's first status write, another writer writes that very status through pods/status, with a
        // label. The node's write then changes nothing and is answered with the other writer's version: were that
        // version taken for the node's own, its event would be skipped and the label would never reach the node.
        var other = new OtherWriter();
        var writes = new StatusWrites { Before = other.WriteFirstAsync };
        await using var h = await NodeHarness.StartAsync(nodeRequests: writes);
        other.Client = h.Client;
        writes.Registered = h.Agent.OwnWrites.Awaits;
        await h.RunAsync(NodeHarness.Pod("web", NodeHarness.Shell("main", "sleep 3600")));

        await h.UntilAsync("web", p => p.Status?.Phase == "Running");
        Assert.True(other.Wrote);

        var worker = Assert.Single(h.Agent.Workers);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (worker.Pod.Labels()?.ContainsKey("written-by") != true && DateTime.UtcNow < deadline) await Task.Delay(10, NodeHarness.Token);
        Assert.Equal("another-writer", worker.Pod.Labels()?["written-by"]);
    }

    // Another writer of the pod's status, through the test's own client.
    sealed class OtherWriter
    {
        int _done;

        public IKubernetes? Client { get; set; }
        public bool Wrote => Volatile.Read(ref _done) == 1;

        public async Task WriteFirstAsync(string ns, string name, string body)
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            var status = JsonNode.Parse(body)!["status"]!.ToJsonString();
            var patch = "{\"metadata\":{\"labels\":{\"written-by\":\"another-writer\"}},\"status\":" + status + "}";
            await Client!.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), name, ns,
                cancellationToken: NodeHarness.Token);
        }
    }

    /// <summary>
    /// Keeps the bodies of the node's pod status PATCHes and runs <see cref="Before"/> ahead of each. The node's pod
    /// watch is held from each write's start until the node has noted the version its answer names (or for 2 s if it
    /// notes none), so every write's event comes after its answer, which the watch otherwise only mostly does.
    /// </summary>
    sealed class StatusWrites : DelegatingHandler
    {
        readonly List<string> _bodies = [];
        readonly WatchGate _gate = new();

        public Func<string, string, string, Task>? Before { get; init; }

        /// <summary>True once the node has noted the version its write made.</summary>
        public Func<ulong, bool> Registered { get; set; } = _ => false;

        public IReadOnlyList<string> Bodies
        {
            get
            {
                lock (_bodies) return [.. _bodies];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!;
            var path = uri.AbsolutePath.Split('/');
            if (request.Method == HttpMethod.Get && path is [_, "api", "v1", "pods"] && uri.Query.Contains("watch=true", StringComparison.Ordinal))
            {
                var watch = await base.SendAsync(request, ct);
                var held = new StreamContent(new GatedStream(await watch.Content.ReadAsStreamAsync(ct), _gate));
                foreach (var header in watch.Content.Headers) held.Headers.TryAddWithoutValidation(header.Key, header.Value);
                watch.Content = held;
                return watch;
            }
            // /api/v1/namespaces/{ns}/pods/{name}/status
            if (request.Method != HttpMethod.Patch || path is not [_, "api", "v1", "namespaces", var ns, "pods", var name, "status"] || request.Content is not { } content)
                return await base.SendAsync(request, ct);
            var bytes = await content.ReadAsByteArrayAsync(ct);
            var body = Encoding.UTF8.GetString(bytes);
            lock (_bodies) _bodies.Add(body);
            _gate.Close();
            if (Before is { } before) await before(ns, name, body);
            var copy = new ByteArrayContent(bytes);
            copy.Headers.ContentType = content.Headers.ContentType;
            request.Content = copy;
            var response = await base.SendAsync(request, ct);
            // A conflict is written again at once, and that write opens the gate.
            if (response.StatusCode == HttpStatusCode.Conflict) return response;
            await response.Content.LoadIntoBufferAsync(ct);
            var made = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["metadata"]?["resourceVersion"]?.GetValue<string>();
            _ = OpenWhenRegisteredAsync(OwnStatusWrites.Parse(made));
            return response;
        }

        async Task OpenWhenRegisteredAsync(ulong? made)
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (made is not { } version || !Registered(version))
            {
                if (DateTime.UtcNow >= deadline) break;
                await Task.Delay(5);
            }
            _gate.Open();
        }
    }

    // Open or closed; a read from a closed gate's stream waits until it opens.
    sealed class WatchGate
    {
        TaskCompletionSource _open = Opened();

        static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        public Task WhenOpen => Volatile.Read(ref _open).Task;

        public void Close()
        {
            var current = Volatile.Read(ref _open);
            if (current.Task.IsCompleted) Interlocked.CompareExchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }

        public void Open() => Volatile.Read(ref _open).TrySetResult();
    }

    // Hands on what it read only while its gate is open.
    sealed class GatedStream(Stream inner, WatchGate gate) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            await gate.WhenOpen.WaitAsync(ct);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
