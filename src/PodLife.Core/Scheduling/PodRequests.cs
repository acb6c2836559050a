using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>
/// A pod's effective requests as kube-scheduler computes them (component-helpers resource.PodRequests):
/// the sum of the containers, raised to the largest init container step (each regular init container runs
/// beside the sidecars started before it), plus the sidecars, plus the pod overhead.
/// </summary>
public static class PodRequests
{
    /// <summary>kube-scheduler's defaults for a container without a cpu / memory request, used only for scoring (schedutil.DefaultMilliCPURequest, DefaultMemoryRequest).</summary>
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemory = 200L * 1024 * 1024;

    /// <summary>The requests the NodeResourcesFit filter checks against allocatable.</summary>
    public static ResourceAmounts Of(V1PodSpec spec) => Compute(spec, nonZero: false);

    /// <summary>The requests scoring uses: a container that sets no cpu (memory) request counts as 100m (200Mi), so empty pods still spread.</summary>
    public static ResourceAmounts NonZeroOf(V1PodSpec spec) => Compute(spec, nonZero: true);

    static ResourceAmounts Compute(V1PodSpec spec, bool nonZero)
    {
        var total = ResourceAmounts.Zero;
        foreach (var c in spec.Containers ?? [])
            total += ContainerRequests(c, nonZero);

        var sidecars = ResourceAmounts.Zero;
        var initPeak = ResourceAmounts.Zero;
        foreach (var c in spec.InitContainers ?? [])
        {
            var own = ContainerRequests(c, nonZero);
            ResourceAmounts step;
            if (c.RestartPolicy == "Always")
            {
                // A sidecar keeps running for the pod's lifetime, so it adds to the total as well.
                total += own;
                sidecars += own;
                step = sidecars;
            }
            else
            {
                step = own + sidecars;
            }
            initPeak = ResourceAmounts.Max(initPeak, step);
        }

        total = ResourceAmounts.Max(total, initPeak);
        return total + ResourceAmounts.From(spec.Overhead);
    }

    static ResourceAmounts ContainerRequests(V1Container c, bool nonZero)
    {
        var requests = c.Resources?.Requests;
        var amounts = ResourceAmounts.From(requests);
        if (!nonZero)
            return amounts;
        // Only a missing entry gets the default; an explicit 0 stays 0 (getNonMissingContainerRequests).
        return amounts with
        {
            MilliCpu = requests?.ContainsKey("cpu") == true ? amounts.MilliCpu : DefaultMilliCpu,
            Memory = requests?.ContainsKey("memory") == true ? amounts.Memory : DefaultMemory,
        };
    }
}
