using System.Net;
using System.Text;
using k8s;
using Microsoft.Extensions.Logging;
using PodLife.Node.Agent;
using PodLife.Node.Runtime.Simulated;
using PodLife.Testing;

namespace PodLife.Node.Tests.Agent;

/// <summary>A node's pod watch that fell behind compaction (an ERROR event with 410 Gone) lists again at once.</summary>
public sealed class PodWatchGoneTests
{
    [Fact]
    public async Task APodWatchAnsweredGoneListsAgainWithoutAWarningOrBackOff()
    {
        await using var api = await ApiServerFixture.StartAsync();
        var gone = new GoneOnFirstPodWatch();
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(api.Host.AdminKubeconfig()),
            gone, api.Host.CreateInProcessHandler());
        var log = new Warnings();
        var clock = new NodeClock(api.Clock, 1);
        var runtime = new SimulatedRuntime(clock.Simulated);
        await using var agent = new NodeAgent(new NodeAgentOptions { NodeName = "node-1" }, client, runtime, runtime, clock, log);
        await agent.StartAsync(TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Volatile.Read(ref gone.Lists) < 2 && DateTime.UtcNow < deadline) await Task.Delay(10, TestContext.Current.CancellationToken);

        Assert.True(Volatile.Read(ref gone.Lists) >= 2, "no second list of the node's pods within 15 s");

        Assert.True(gone.Answered);
        Assert.DoesNotContain(log.Messages, m => m.Contains("pod watch", StringComparison.Ordinal));
    }

    // Answers the first watch of pods with the ERROR event kube-apiserver sends for a compacted resourceVersion.
    sealed class GoneOnFirstPodWatch : DelegatingHandler
    {
        public int Lists;
        public bool Answered;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath == "/api/v1/pods")
            {
                if (!uri.Query.Contains("watch=true", StringComparison.Ordinal)) Interlocked.Increment(ref Lists);
                else if (!Answered)
                {
                    Answered = true;
                    const string expired = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}""";
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                    {
                        Content = new StringContent(expired + "\n", Encoding.UTF8, "application/json"),
                        RequestMessage = request,
                    });
                }
            }
            return base.SendAsync(request, ct);
        }
    }

    sealed class Warnings : ILogger
    {
        readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages) return [.. _messages];
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (_messages) _messages.Add(formatter(state, exception));
        }
    }
}
