using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains failing readiness and liveness probes of a running container from its Unhealthy events.</summary>
/// <remarks>pkg/kubelet/prober: each failure emits Warning Unhealthy "Readiness probe failed: ..."; readiness only takes
/// the container out of Service endpoints, liveness restarts it after failureThreshold (default 3) failures in a row.</remarks>
internal static class ProbeAdvisor
{
    public static Guidance Advise(ExplainInput input, V1ContainerStatus status, string kind)
    {
        if (status.State?.Running is not { } running) return Guidance.None;
        var since = KubeTime.ToInstant(running.StartedAt) ?? DateTimeOffset.MinValue;
        var spec = input.Container(status.Name);
        var guidance = Guidance.None;
        if (!status.Ready && Latest(input, status.Name, "Readiness", since) is { } readiness)
        {
            var probe = spec?.ReadinessProbe;
            guidance += Guidance.Of(
                $"the readiness probe of {kind} {status.Name} runs every {probe?.PeriodSeconds ?? 10}s; after {probe?.SuccessThreshold ?? 1} success(es) in a row the container is ready and the pod receives Service traffic again",
                $"make the readiness probe pass - last failure: {readiness}",
                trouble: true);
        }
        if (Latest(input, status.Name, "Liveness", since) is { } liveness)
        {
            var threshold = spec?.LivenessProbe?.FailureThreshold ?? 3;
            guidance += Guidance.Of(
                $"kubelet restarts {kind} {status.Name} after {threshold} liveness failures in a row",
                $"make the liveness probe pass - last failure: {liveness}",
                trouble: true);
        }
        return guidance;
    }

    // The newest failure of this probe seen since the container started, without kubelet's prefix: "X probe failed: ",
    // or "X probe errored and resulted in unknown state: " when the runtime could not run it (it counts as a failure).
    static string? Latest(ExplainInput input, string container, string probe, DateTimeOffset since)
    {
        string[] prefixes = [$"{probe} probe failed: ", $"{probe} probe errored and resulted in unknown state: "];
        var e = input.EventsWith("Unhealthy", container)
            .LastOrDefault(e => e.Message is { } m && prefixes.Any(p => m.StartsWith(p, StringComparison.Ordinal)) && ExplainInput.LastSeen(e) >= since);
        var prefix = prefixes.FirstOrDefault(p => e?.Message?.StartsWith(p, StringComparison.Ordinal) == true);
        return prefix is null ? null : e!.Message![prefix.Length..];
    }
}
