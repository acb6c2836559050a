using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;
using PodLife.Core.Explain;

namespace PodLife.Cli.Explain;

/// <summary>`podlife explain POD`: reads the pod, its events and its node(s) from any cluster and explains the pod.</summary>
/// <remarks>Exit codes: 0 healthy or completed, 1 pod in trouble, 2 usage or connection error (one line on stderr).</remarks>
public static class ExplainCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(args, stdout, stderr, TimeProvider.System, UseColour(stdout), ct);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, bool colour, CancellationToken ct)
    {
        var (options, error) = ExplainOptions.Parse(args);
        if (options is null)
        {
            await stderr.WriteLineAsync(error);
            return 2;
        }
        try
        {
            var config = KubeconfigLoader.Load(options.Kubeconfig, options.Context);
            using var client = new Kubernetes(config);
            return await ExplainAsync(client, options.Pod, options.Namespace ?? config.Namespace ?? "default", options.Json, stdout, clock, colour, ct);
        }
        catch (Exception e) when (Describe(e, "podlife explain") is { } line)
        {
            await stderr.WriteLineAsync(line);
            return 2;
        }
    }

    /// <summary>Reads and explains the pod; returns the explanation's exit code (0 healthy or completed, 1 in trouble).</summary>
    internal static async Task<int> ExplainAsync(IKubernetes client, string pod, string ns, bool json, TextWriter stdout,
        TimeProvider clock, bool colour, CancellationToken ct)
    {
        var snapshot = await PodSnapshot.ReadAsync(client, pod, ns, ct);
        var now = clock.GetUtcNow();
        var history = await HistoryAsync(client, snapshot.Pod, ct);
        var explanation = Explainer.Explain(snapshot.Pod, snapshot.Events, snapshot.Node, snapshot.Nodes, history, now, snapshot.Services);
        await stdout.WriteAsync(json ? ExplanationJson.Serialize(explanation) + "\n" : ExplanationText.Render(explanation, now, colour));
        return explanation.ExitCode;
    }

    // PodLife records each pod's life; other clusters do not serve podtimelines, and a timeline of an earlier pod
    // with the same name is not this pod's history.
    static async Task<PodHistory?> HistoryAsync(IKubernetes client, V1Pod pod, CancellationToken ct)
    {
        try
        {
            var timeline = await Timeline.TimelineSource.ReadAsync(client, pod.Metadata.Name, pod.Metadata.NamespaceProperty, ct);
            return timeline is null || timeline.PodUid != pod.Metadata.Uid ? null : Core.History.TimelineHistory.ToPodHistory(timeline);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    // One line per failure, worded like kubectl where kubectl has a wording.
    internal static string? Describe(Exception e, string command) => e switch
    {
        KubeConfigException k => $"{command}: {k.Message}",
        HttpOperationException h => $"Error from server ({Reason(h)}): {StatusMessage(h) ?? h.Message}",
        HttpRequestException r => $"{command}: cannot reach the cluster: {r.Message}",
        TaskCanceledException => $"{command}: the cluster did not answer in time",
        IOException io => $"{command}: {io.Message}",
        _ => null,
    };

    static string Reason(HttpOperationException h) => h.Response.StatusCode switch
    {
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.Unauthorized => "Unauthorized",
        var code => code.ToString(),
    };

    static string? StatusMessage(HttpOperationException h)
    {
        try { return KubernetesJson.Deserialize<V1Status>(h.Response.Content)?.Message; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    internal static bool UseColour(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
