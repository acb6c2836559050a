using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>core/v1 SetDefaults_Service (pkg/apis/core/v1/defaults.go): the scheme defaults every written Service gets.</summary>
public static class ServiceDefaults
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";
    public const string Headless = "None";

    /// <summary>DefaultClientIPServiceAffinitySeconds: three hours.</summary>
    public const int ClientIPAffinitySeconds = 10800;

    public static V1Service Apply(V1Service service)
    {
        var copy = DeepCopy.Of(service);
        var spec = copy.Spec ??= new V1ServiceSpec();
        spec.SessionAffinity = PodDefaults.OrDefault(spec.SessionAffinity, "None");
        if (spec.SessionAffinity == "None") spec.SessionAffinityConfig = null;
        else if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
            spec.SessionAffinityConfig = new V1SessionAffinityConfig { ClientIP = new V1ClientIPConfig { TimeoutSeconds = ClientIPAffinitySeconds } };
        spec.Type = PodDefaults.OrDefault(spec.Type, ClusterIP);
        foreach (var port in spec.Ports ?? [])
        {
            if (port is null) continue;
            port.Protocol = PodDefaults.OrDefault(port.Protocol, "TCP");
            if (port.TargetPort?.Value is null or "" or "0") port.TargetPort = port.Port;
        }
        if (ExternallyAccessible(spec) && string.IsNullOrEmpty(spec.ExternalTrafficPolicy)) spec.ExternalTrafficPolicy = "Cluster";
        if (spec.InternalTrafficPolicy is null && spec.Type is ClusterIP or NodePort or LoadBalancer) spec.InternalTrafficPolicy = "Cluster";
        if (spec.Type == LoadBalancer) spec.AllocateLoadBalancerNodePorts ??= true;
        return copy;
    }

    /// <summary>service.ExternallyAccessible: reachable from outside the cluster (node ports, a load balancer, external IPs).</summary>
    public static bool ExternallyAccessible(V1ServiceSpec spec) =>
        spec.Type is NodePort or LoadBalancer || (spec.Type == ClusterIP && spec.ExternalIPs is { Count: > 0 });

    /// <summary>Whether the type gives the service a cluster IP (every type but ExternalName; a headless one asks for none).</summary>
    public static bool HasClusterIP(V1ServiceSpec spec) => spec.Type != ExternalName;

    /// <summary>Whether the type opens a port on every node (NodePort; LoadBalancer unless it asks for none).</summary>
    public static bool NeedsNodePorts(V1ServiceSpec spec) =>
        spec.Type == NodePort || (spec.Type == LoadBalancer && spec.AllocateLoadBalancerNodePorts != false);
}
