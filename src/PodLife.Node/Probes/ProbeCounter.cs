using k8s.Models;

namespace PodLife.Node.Probes;

/// <summary>
/// A probe's result from consecutive outcomes (pkg/kubelet/prober/worker.go): it flips to success after
/// successThreshold passes in a row and to failure after failureThreshold failures in a row.
/// </summary>
public sealed record ProbeCounter(bool? Result, int Successes, int Failures)
{
    /// <summary>The starting point: readiness starts failed, liveness passed, startup unknown (prober/results).</summary>
    public static ProbeCounter Initial(ProbeKind kind) => kind switch
    {
        ProbeKind.Readiness => new(false, 0, 0),
        ProbeKind.Liveness => new(true, 0, 0),
        _ => new(null, 0, 0),
    };

    /// <summary>The counter after one more outcome; thresholds default to 1 success and 3 failures.</summary>
    public ProbeCounter After(bool success, V1Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var successThreshold = probe.SuccessThreshold is > 0 ? probe.SuccessThreshold.Value : 1;
        var failureThreshold = probe.FailureThreshold is > 0 ? probe.FailureThreshold.Value : 3;
        return success
            ? new(Successes + 1 >= successThreshold ? true : Result, Successes + 1, 0)
            : new(Failures + 1 >= failureThreshold ? false : Result, 0, Failures + 1);
    }
}
