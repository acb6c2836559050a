using k8s.Models;

namespace PodLife.Testing;

/// <summary>One-word container statuses for [Theory] tables, named after kubelet_pods_test.go's helpers.</summary>
/// <remarks>
/// <c>-</c> no status · <c>nostate</c> a status without a state · <c>waiting</c> · <c>crashloop</c> waiting after exit 0 ·
/// <c>crashloopfailed</c> waiting after exit -1 · <c>running</c> · <c>started</c> running with started=true ·
/// <c>ready</c> running, started and ready · <c>stopped</c>/<c>succeeded</c> terminated exit 0 · <c>failed</c> terminated exit -1.
/// </remarks>
public static class ContainerStatusShorthand
{
    public static V1ContainerStatus? Parse(string name, string word) => word switch
    {
        "-" => null,
        "nostate" => new ContainerStatusBuilder(name).NoState().Build(),
        "waiting" => new ContainerStatusBuilder(name).Waiting().Build(),
        "crashloop" => new ContainerStatusBuilder(name).Waiting().LastTerminated(0).Build(),
        "crashloopfailed" => new ContainerStatusBuilder(name).Waiting().LastTerminated(-1).Build(),
        "running" => new ContainerStatusBuilder(name).Running().Build(),
        "started" => new ContainerStatusBuilder(name).Running().Started().Build(),
        "ready" => new ContainerStatusBuilder(name).Running().Started().Ready().Build(),
        "stopped" or "succeeded" => new ContainerStatusBuilder(name).Terminated(0).Build(),
        "failed" => new ContainerStatusBuilder(name).Terminated(-1).Build(),
        _ => throw new ArgumentException($"unknown container status shorthand \"{word}\"", nameof(word)),
    };

    /// <summary>Statuses for the given container names from a space-separated list of words, one per name.</summary>
    public static List<V1ContainerStatus> ParseAll(IReadOnlyList<string> names, string words)
    {
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 0 && parts.Length != names.Count)
            throw new ArgumentException($"\"{words}\" has {parts.Length} words for {names.Count} containers", nameof(words));
        return parts.Select((w, i) => Parse(names[i], w)).OfType<V1ContainerStatus>().ToList();
    }
}
