using k8s.Models;
using static PodLife.Core.Services.ServiceSelection;

namespace PodLife.Controllers.Endpoints;

/// <summary>
/// What kube-controller-manager's endpoints and endpointslice controllers write for a Service with a selector
/// (pkg/controller/endpoint, pkg/controller/endpointslice): the pods it selects that have an IP and have not finished,
/// ready ones as addresses, the others as not ready, each with the Service's ports resolved on that pod.
/// </summary>
public static class ServiceEndpoints
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedBy = "endpointslice-controller.k8s.io";
    public const string HeadlessLabel = "service.kubernetes.io/headless";
    /// <summary>Set on Endpoints that hold only some of the Service's endpoints (v1.EndpointsOverCapacity).</summary>
    public const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";
    /// <summary>The most addresses one Endpoints object holds (the endpoints controller's maxCapacity).</summary>
    public const int MaxEndpointsAddresses = 1000;
    /// <summary>The most endpoints one EndpointSlice holds (kube-controller-manager's --max-endpoints-per-slice default).</summary>
    public const int MaxEndpointsPerSlice = 100;

    /// <summary>
    /// The pods of <paramref name="service"/> that belong in its endpoints, by IP, each with the Service's ports that
    /// resolve on it (in the Service's order) and a key that pods resolving them alike share.
    /// </summary>
    static IEnumerable<(V1Pod Pod, List<(V1ServicePort Port, int Number)> Ports, string Key)> Members(V1Service service, IEnumerable<V1Pod> pods,
        bool includeTerminating) =>
        pods.Where(p => Selects(service, p) && InEndpoints(p, includeTerminating)).OrderBy(p => p.Status.PodIP, StringComparer.Ordinal).Select(pod =>
        {
            List<(V1ServicePort Port, int Number)> ports =
                [.. (service.Spec.Ports ?? []).Select(p => (Port: p, Number: TargetPort(pod, p))).Where(p => p.Number is not null).Select(p => (p.Port, p.Number!.Value))];
            return (pod, ports, PortsKey(ports.Select(p => (p.Port.Name, (int?)p.Number, p.Port.Protocol))));
        });

    /// <summary>The Endpoints object of <paramref name="service"/> for the given pods (any pods; those it selects are used).</summary>
    public static V1Endpoints Endpoints(V1Service service, IEnumerable<V1Pod> pods)
    {
        var publishNotReady = service.Spec.PublishNotReadyAddresses == true;
        var headlessWithoutPorts = service.Spec.ClusterIP == "None" && service.Spec.Ports is null or { Count: 0 };
        // RepackSubsets: the pods that expose the same ports share a subset.
        var subsets = new Dictionary<string, (List<Corev1EndpointPort> Ports, List<V1EndpointAddress> Ready, List<V1EndpointAddress> NotReady)>();
        foreach (var (pod, ports, key) in Members(service, pods, includeTerminating: publishNotReady))
        {
            if (ports.Count == 0 && !headlessWithoutPorts) continue;
            if (!subsets.TryGetValue(key, out var subset))
            {
                subset = ([.. ports.Select(p => new Corev1EndpointPort
                {
                    Name = string.IsNullOrEmpty(p.Port.Name) ? null : p.Port.Name, Port = p.Number, Protocol = p.Port.Protocol ?? "TCP", AppProtocol = p.Port.AppProtocol,
                })], [], []);
                subsets[key] = subset;
            }
            var address = new V1EndpointAddress { Ip = pod.Status.PodIP, NodeName = NodeName(pod), Hostname = Hostname(service, pod), TargetRef = Reference(pod) };
            (publishNotReady || Ready(pod) ? subset.Ready : subset.NotReady).Add(address);
        }
        var packed = subsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new V1EndpointSubset
        {
            Ports = s.Value.Ports.Count == 0 ? null : s.Value.Ports,
            Addresses = s.Value.Ready.Count == 0 ? null : s.Value.Ready,
            NotReadyAddresses = s.Value.NotReady.Count == 0 ? null : s.Value.NotReady,
        }).ToList();
        var truncated = Truncate(packed, MaxEndpointsAddresses);
        return new V1Endpoints
        {
            ApiVersion = "v1",
            Kind = "Endpoints",
            Metadata = new V1ObjectMeta
            {
                Name = service.Metadata.Name, NamespaceProperty = service.Metadata.NamespaceProperty, Labels = Labels(service),
                Annotations = truncated ? new Dictionary<string, string> { [OverCapacityAnnotation] = "truncated" } : null,
            },
            Subsets = packed.Count == 0 ? null : packed,
        };
    }

    /// <summary>
    /// Keeps at most <paramref name="capacity"/> addresses in <paramref name="subsets"/>, as the endpoints controller's
    /// truncateEndpoints does: ready addresses first (when they alone exceed it, every not-ready one goes); of the kind
    /// being cut, each subset keeps its share of the room left (rounded up, so the last may keep fewer), taken from the
    /// start of its list. True when something was cut.
    /// </summary>
    public static bool Truncate(List<V1EndpointSubset> subsets, int capacity)
    {
        var totalReady = subsets.Sum(s => s.Addresses?.Count ?? 0);
        var totalNotReady = subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0);
        if (totalReady + totalNotReady <= capacity) return false;
        var truncateReady = totalReady > capacity;
        var max = truncateReady ? capacity : capacity - totalReady;
        var total = truncateReady ? totalReady : totalNotReady;
        var room = max;
        foreach (var subset in subsets)
        {
            var inSubset = (truncateReady ? subset.Addresses : subset.NotReadyAddresses)?.Count ?? 0;
            var keep = Math.Min((int)Math.Ceiling((double)inSubset / total * max), room);
            if (truncateReady)
            {
                subset.Addresses = First(subset.Addresses, keep);
                subset.NotReadyAddresses = null;
                room -= subset.Addresses?.Count ?? 0;
            }
            else
            {
                subset.NotReadyAddresses = First(subset.NotReadyAddresses, keep);
                room -= subset.NotReadyAddresses?.Count ?? 0;
            }
        }
        return true;
    }

    static IList<V1EndpointAddress>? First(IList<V1EndpointAddress>? addresses, int count) =>
        addresses is null || addresses.Count <= count ? addresses : count == 0 ? null : [.. addresses.Take(count)];

    static string? NodeName(V1Pod pod) => string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName;

    // A pod names itself to a headless Service with its hostname and that Service as its subdomain (DNS A records).
    static string? Hostname(V1Service service, V1Pod pod) =>
        pod.Spec?.Subdomain == service.Metadata.Name && !string.IsNullOrEmpty(pod.Spec?.Hostname) ? pod.Spec.Hostname : null;

    static V1ObjectReference Reference(V1Pod pod) =>
        new() { Kind = "Pod", NamespaceProperty = pod.Metadata.NamespaceProperty, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid };

    // The Service's labels, and the headless label for a Service without a cluster IP.
    static Dictionary<string, string>? Labels(V1Service service)
    {
        var labels = new Dictionary<string, string>(service.Metadata.Labels ?? new Dictionary<string, string>());
        if (service.Spec.ClusterIP == "None") labels[HeadlessLabel] = "";
        return labels.Count == 0 ? null : labels;
    }

    /// <summary>
    /// The EndpointSlices of <paramref name="service"/>: for each set of resolved ports (one in the usual case), its
    /// endpoints by IP in slices of at most <see cref="MaxEndpointsPerSlice"/>; one slice without endpoints when no pod is
    /// selected. Terminating pods stay in them, not ready.
    /// </summary>
    public static IReadOnlyList<V1EndpointSlice> Slices(V1Service service, IEnumerable<V1Pod> pods)
    {
        var publishNotReady = service.Spec.PublishNotReadyAddresses == true;
        var groups = new Dictionary<string, (List<Discoveryv1EndpointPort> Ports, List<V1Endpoint> Endpoints)>();
        foreach (var (pod, ports, key) in Members(service, pods, includeTerminating: true))
        {
            if (!groups.TryGetValue(key, out var group))
            {
                group = ([.. ports.Select(p => new Discoveryv1EndpointPort { Name = p.Port.Name ?? "", Port = p.Number, Protocol = p.Port.Protocol ?? "TCP", AppProtocol = p.Port.AppProtocol })], []);
                groups[key] = group;
            }
            var terminating = pod.Metadata.DeletionTimestamp is not null;
            var serving = publishNotReady || Ready(pod);
            group.Endpoints.Add(new V1Endpoint
            {
                Addresses = [pod.Status.PodIP],
                Conditions = new V1EndpointConditions { Ready = publishNotReady || (serving && !terminating), Serving = serving, Terminating = terminating },
                NodeName = NodeName(pod),
                Hostname = Hostname(service, pod),
                TargetRef = Reference(pod),
            });
        }
        if (groups.Count == 0) groups[""] = ([], []);
        return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => Chunks(g.Value.Endpoints).Select(endpoints => new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            AddressType = "IPv4",
            Metadata = new V1ObjectMeta
            {
                GenerateName = service.Metadata.Name + "-",
                NamespaceProperty = service.Metadata.NamespaceProperty,
                Labels = SliceLabels(service),
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "v1", Kind = "Service", Name = service.Metadata.Name, Uid = service.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Ports = g.Value.Ports.Count == 0 ? null : g.Value.Ports,
            Endpoints = endpoints.Count == 0 ? null : endpoints,
        }))];
    }

    /// <summary>
    /// Stored slices in the order <see cref="Slices"/> gives its own (by ports, then by first address), so that the
    /// n-th stored slice is paired with the n-th wanted one, the one it most likely already matches: in name order (their
    /// names end in random letters) a Service of several slices had them all rewritten once after they were made.
    /// </summary>
    public static List<V1EndpointSlice> InSliceOrder(IEnumerable<V1EndpointSlice> slices) =>
        [.. slices.OrderBy(PortsKey, StringComparer.Ordinal)
            .ThenBy(s => s.Endpoints is { Count: > 0 } e ? e[0].Addresses?.FirstOrDefault() ?? "" : "", StringComparer.Ordinal)
            .ThenBy(s => s.Metadata?.Name, StringComparer.Ordinal)];

    static string PortsKey(V1EndpointSlice slice) => PortsKey((slice.Ports ?? []).Select(p => (p.Name, p.Port, p.Protocol)));

    // One key for a set of resolved ports, whether of a member pod (Members) or of a stored slice (InSliceOrder), so that
    // both order alike.
    static string PortsKey(IEnumerable<(string Name, int? Port, string Protocol)> ports) =>
        string.Join(",", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));

    // A group's endpoints in slices of at most MaxEndpointsPerSlice, as the reconciler fills new slices; an empty group
    // is one empty slice.
    static IEnumerable<List<V1Endpoint>> Chunks(List<V1Endpoint> endpoints) =>
        endpoints.Count == 0 ? [endpoints] : endpoints.Chunk(MaxEndpointsPerSlice).Select(c => c.ToList());

    static Dictionary<string, string> SliceLabels(V1Service service)
    {
        var labels = Labels(service) ?? [];
        labels[ServiceNameLabel] = service.Metadata.Name;
        labels[ManagedByLabel] = ManagedBy;
        return labels;
    }
}
