namespace PodLife.Core.Scheduling;

/// <summary>What a node lacks for a pod's requests (noderesources fitsRequest), as kube-scheduler's NodeResourcesFit filter
/// and kubelet's admission both check it.</summary>
public static class ResourceFit
{
    /// <summary>The resources a node lacks, in the order kube reports them: pods first, then cpu, memory, ephemeral storage.</summary>
    [Flags]
    public enum Shortages
    {
        None = 0,
        Pods = 1,
        Cpu = 2,
        Memory = 4,
        EphemeralStorage = 8,
    }

    /// <summary>
    /// Checks one more pod asking <paramref name="want"/> on a node that already runs <paramref name="pods"/> pods
    /// requesting <paramref name="requested"/> of its <paramref name="allocatable"/>; a resource the pod does not ask
    /// for never falls short. Allocates nothing (the scheduler asks for every node).
    /// </summary>
    public static Shortages Check(ResourceAmounts want, ResourceAmounts allocatable, ResourceAmounts requested, long pods, long allowedPods)
    {
        var lacking = pods + 1 > allowedPods ? Shortages.Pods : Shortages.None;
        if (want.IsZero) return lacking;
        var free = allocatable - requested;
        if (want.MilliCpu > 0 && want.MilliCpu > free.MilliCpu) lacking |= Shortages.Cpu;
        if (want.Memory > 0 && want.Memory > free.Memory) lacking |= Shortages.Memory;
        if (want.EphemeralStorage > 0 && want.EphemeralStorage > free.EphemeralStorage) lacking |= Shortages.EphemeralStorage;
        return lacking;
    }
}
