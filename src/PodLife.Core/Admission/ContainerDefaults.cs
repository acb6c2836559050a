using k8s.Models;
using PodLife.Core.Images;

namespace PodLife.Core.Admission;

/// <summary>Scheme defaults of a container, its ports, probes and handlers (pkg/apis/core/v1/defaults.go).</summary>
static class ContainerDefaults
{
    public static void Apply(V1Container container, bool hostNetwork)
    {
        container.ImagePullPolicy = PodDefaults.OrDefault(container.ImagePullPolicy, ImagePullPolicyDefault.For(container.Image));
        container.TerminationMessagePath = PodDefaults.OrDefault(container.TerminationMessagePath, "/dev/termination-log");
        container.TerminationMessagePolicy = PodDefaults.OrDefault(container.TerminationMessagePolicy, "File");
        foreach (var port in container.Ports ?? [])
        {
            if (port is null) continue;
            port.Protocol = PodDefaults.OrDefault(port.Protocol, "TCP");
            // With the host's network the container port is the host port.
            if (hostNetwork && (port.HostPort ?? 0) == 0) port.HostPort = port.ContainerPort;
        }
        CopyLimitsToRequests(container);
        RoundToMilli(container.Resources?.Limits);
        RoundToMilli(container.Resources?.Requests);
        foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
            if (probe is not null) ApplyProbe(probe);
        ApplyHttpGet(container.Lifecycle?.PostStart?.HttpGet);
        ApplyHttpGet(container.Lifecycle?.PreStop?.HttpGet);
        foreach (var env in container.Env ?? [])
            if (env?.ValueFrom?.FieldRef is { } fieldRef) fieldRef.ApiVersion = PodDefaults.OrDefault(fieldRef.ApiVersion, "v1");
    }

    /// <summary>SetDefaults_EphemeralContainer: an ephemeral container's common fields as a container's (it has no ports or probes).</summary>
    public static void Apply(V1EphemeralContainer container)
    {
        container.ImagePullPolicy = PodDefaults.OrDefault(container.ImagePullPolicy, ImagePullPolicyDefault.For(container.Image));
        container.TerminationMessagePath = PodDefaults.OrDefault(container.TerminationMessagePath, "/dev/termination-log");
        container.TerminationMessagePolicy = PodDefaults.OrDefault(container.TerminationMessagePolicy, "File");
        foreach (var env in container.Env ?? [])
            if (env?.ValueFrom?.FieldRef is { } fieldRef) fieldRef.ApiVersion = PodDefaults.OrDefault(fieldRef.ApiVersion, "v1");
    }

    static void ApplyProbe(V1Probe probe)
    {
        if ((probe.TimeoutSeconds ?? 0) == 0) probe.TimeoutSeconds = 1;
        if ((probe.PeriodSeconds ?? 0) == 0) probe.PeriodSeconds = 10;
        if ((probe.SuccessThreshold ?? 0) == 0) probe.SuccessThreshold = 1;
        if ((probe.FailureThreshold ?? 0) == 0) probe.FailureThreshold = 3;
        ApplyHttpGet(probe.HttpGet);
    }

    static void ApplyHttpGet(V1HTTPGetAction? action)
    {
        if (action is null) return;
        action.Path = PodDefaults.OrDefault(action.Path, "/");
        action.Scheme = PodDefaults.OrDefault(action.Scheme, "HTTP");
    }

    // A limit without a request is also the request (SetDefaults_Pod).
    static void CopyLimitsToRequests(V1Container container)
    {
        var limits = container.Resources?.Limits;
        if (limits is null) return;
        var requests = container.Resources!.Requests ??= new Dictionary<string, ResourceQuantity>();
        foreach (var (name, limit) in limits)
            requests.TryAdd(name, limit);
    }

    // SetDefaults_ResourceList: quantities finer than 1m are rounded up to it, kept for API compatibility.
    static void RoundToMilli(IDictionary<string, ResourceQuantity>? list)
    {
        foreach (var (name, value) in list?.ToList() ?? [])
            if (ResourceQuantities.TryRead(value, out var quantity) && quantity.Scale < -3)
                list![name] = new ResourceQuantity(quantity.RoundUp(-3).ToString());
    }
}
