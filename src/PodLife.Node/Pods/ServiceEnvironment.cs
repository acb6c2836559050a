using System.Globalization;
using k8s.Models;

namespace PodLife.Node.Pods;

/// <summary>
/// The Docker-links-style variables kubelet gives every container for the services it may reach
/// (pkg/kubelet/envvars FromServices, kubelet_pods.go getServiceEnvVarMap): the <c>kubernetes</c> service of the default
/// namespace always, the services of the pod's own namespace when <c>enableServiceLinks</c> is true (the default); a
/// headless service (clusterIP None) or one without a cluster IP gives none.
/// </summary>
public static class ServiceEnvironment
{
    // kubelet's "master services": given to every pod, whatever its namespace and enableServiceLinks.
    const string MasterService = "kubernetes";

    /// <summary>The variables for a pod in <paramref name="ns"/>, services in name order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(IEnumerable<V1Service> services, string ns, bool enableServiceLinks)
    {
        ArgumentNullException.ThrowIfNull(services);
        var chosen = new SortedDictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (!HasClusterIp(service)) continue;
            var name = service.Metadata?.Name ?? "";
            var serviceNs = service.Metadata?.NamespaceProperty ?? "default";
            if (serviceNs == "default" && name == MasterService) chosen.TryAdd(name, service);
            else if (serviceNs == ns && enableServiceLinks) chosen[name] = service;
        }
        var env = new List<KeyValuePair<string, string>>();
        foreach (var service in chosen.Values) AddVariables(service, env);
        return env;
    }

    static bool HasClusterIp(V1Service service) =>
        service.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None" && service.Spec.Ports is { Count: > 0 };

    static void AddVariables(V1Service service, List<KeyValuePair<string, string>> env)
    {
        var prefix = VariableName(service.Metadata.Name);
        var ip = service.Spec.ClusterIP;
        var ports = service.Spec.Ports;
        env.Add(new($"{prefix}_SERVICE_HOST", ip));
        env.Add(new($"{prefix}_SERVICE_PORT", Number(ports[0].Port)));
        foreach (var port in ports)
        {
            if (port.Name is { Length: > 0 } portName) env.Add(new($"{prefix}_SERVICE_PORT_{VariableName(portName)}", Number(port.Port)));
        }
        for (var i = 0; i < ports.Count; i++)
        {
            var protocol = ports[i].Protocol is { Length: > 0 } p ? p : "TCP";
            var lower = protocol.ToLowerInvariant();
            var address = $"{lower}://{HostPort(ip, ports[i].Port)}";
            // Docker special-cases the first port.
            if (i == 0) env.Add(new($"{prefix}_PORT", address));
            var portPrefix = $"{prefix}_PORT_{Number(ports[i].Port)}_{protocol.ToUpperInvariant()}";
            env.Add(new(portPrefix, address));
            env.Add(new($"{portPrefix}_PROTO", lower));
            env.Add(new($"{portPrefix}_PORT", Number(ports[i].Port)));
            env.Add(new($"{portPrefix}_ADDR", ip));
        }
    }

    /// <summary>A service or port name as a variable name: upper case, '-' as '_' (service names are DNS-1035 labels).</summary>
    public static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    // net.JoinHostPort: an IPv6 address in brackets.
    static string HostPort(string ip, int port) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{Number(port)}" : $"{ip}:{Number(port)}";

    static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
