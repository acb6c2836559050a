using CsCheck;
using k8s.Models;

namespace PodLife.Core.Tests.Admission;

/// <summary>CsCheck generators: malformed pods (nulls, empty lists, odd strings) and valid pods as clients write them.</summary>
static class PodGen
{
    static readonly Gen<string?> Odd = Gen.OneOf<string?>(null, "", "a", "web", "Foo_", " nginx ", "nginx:latest", "-", "100m", "1e3", "abc",
        "Always", "Never", "Exists", "Equal", "NoExecute", "TCP", "x/y/z", "kube-api-access-q", "/var/run/secrets/kubernetes.io/serviceaccount", "ünï\n");

    static readonly Gen<string?> Text = Gen.Frequency((4, Odd), (1, Gen.String.Select(s => (string?)s)));

    static readonly Gen<int?> SmallInt = Gen.Int[-2, 70000].Nullable();

    static Gen<List<T>?> ListOf<T>(Gen<T> item) => item.List[0, 3].Null();

    static readonly Gen<Dictionary<string, ResourceQuantity>?> ResourceList =
        Gen.Select(Gen.OneOf("cpu", "memory", "gpu", "example.com/gpu", "hugepages-2Mi", "Bad Key"),
                Gen.OneOf("0", "100m", "1", "2", "1Gi", "-1", "0.5", "1e3"), (k, v) => (k, v))
            .List[0, 3].Select(entries => entries.DistinctBy(e => e.k).ToDictionary(e => e.k, e => new ResourceQuantity(e.v))).Null();

    static readonly Gen<V1Probe?> Probe = Gen.Select(SmallInt, SmallInt, Gen.Bool, Gen.Bool, Text, (success, period, http, tcp, path) => new V1Probe
    {
        SuccessThreshold = success, PeriodSeconds = period,
        HttpGet = http ? new V1HTTPGetAction { Path = path, Port = path ?? "" } : null,
        TcpSocket = tcp ? new V1TCPSocketAction { Port = 80 } : null,
    }).Null();

    static readonly Gen<V1Container?> Container = Gen.Select(Text, Text, Text, ListOf(Gen.Select(SmallInt, Text, (p, proto) => new V1ContainerPort { ContainerPort = p ?? 0, Protocol = proto })),
        Gen.Select(ResourceList, ResourceList, (l, r) => new V1ResourceRequirements { Limits = l, Requests = r }).Null(), Probe, Probe, Text,
        (name, image, pull, ports, resources, liveness, readiness, restart) => new V1Container
        {
            Name = name, Image = image, ImagePullPolicy = pull, Ports = ports, Resources = resources,
            LivenessProbe = liveness, ReadinessProbe = readiness, RestartPolicy = restart,
            VolumeMounts = name == "web" ? [new V1VolumeMount { Name = image, MountPath = pull }] : null,
        }).Null();

    static readonly Gen<V1Toleration?> Toleration = Gen.Select(Text, Text, Text, Text, Gen.Long[-1, 400].Nullable(),
        (key, op, value, effect, seconds) => new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect, TolerationSeconds = seconds }).Null();

    /// <summary>Anything a careless client could send.</summary>
    public static readonly Gen<V1Pod> Malformed = Gen.Select(
        Gen.Select(Text, Text, Text, ListOf(Gen.Select(Text, Text, (k, v) => (k, v))), (name, ns, generate, labels) => new V1ObjectMeta
        {
            Name = name, NamespaceProperty = ns, GenerateName = generate,
            Labels = labels?.Where(l => l.k is not null).DistinctBy(l => l.k).ToDictionary(l => l.k!, l => l.v!),
        }).Null(),
        ListOf(Container), ListOf(Container), ListOf(Toleration), Text, Text, Gen.Bool.Nullable(),
        ListOf(Gen.Select(Text, Gen.Bool, (n, empty) => new V1Volume { Name = n, EmptyDir = empty ? new V1EmptyDirVolumeSource() : null }).Null()),
        (meta, containers, inits, tolerations, restart, dns, hostNetwork, volumes) => new V1Pod
        {
            Metadata = meta,
            Spec = new V1PodSpec
            {
                Containers = containers!, InitContainers = inits, Tolerations = tolerations, RestartPolicy = restart, DnsPolicy = dns,
                HostNetwork = hostNetwork, Volumes = volumes,
            },
        });

    static readonly Gen<string> DnsLabel = Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 12].Select(c => new string(c));

    static readonly Gen<V1Probe?> ValidProbe = Gen.Select(Gen.Int[0, 30], Gen.Bool, (delay, http) => new V1Probe
    {
        InitialDelaySeconds = delay,
        HttpGet = http ? new V1HTTPGetAction { Port = 8080 } : null,
        TcpSocket = http ? null : new V1TCPSocketAction { Port = "http" },
    }).Null();

    static readonly Gen<V1Container> ValidContainer = Gen.Select(
        Gen.OneOf("nginx", "nginx:1.25", "registry.local:5000/team/app:v2", "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        Gen.Int[1, 65535], Gen.OneOf<string?>(null, "TCP", "UDP", "SCTP"),
        Gen.OneOf<(string?, string?)>((null, null), ("100m", null), ("1", "500m"), ("2Gi", "1Gi")), ValidProbe, ValidProbe,
        (image, port, protocol, limitsAndRequests, liveness, readiness) => new V1Container
        {
            Image = image,
            Ports = [new V1ContainerPort { ContainerPort = port, Protocol = protocol, Name = "http" }],
            Resources = new V1ResourceRequirements { Limits = Pods.Resources(limitsAndRequests.Item1, null), Requests = Pods.Resources(limitsAndRequests.Item2, null) },
            LivenessProbe = liveness, ReadinessProbe = readiness,
        });

    /// <summary>Valid pods as a client writes them (no defaults yet): unique container names, sane ports, requests within limits.</summary>
    public static readonly Gen<V1Pod> Valid = Gen.Select(DnsLabel, ValidContainer.List[1, 3], ValidContainer.List[0, 2], Gen.OneOf<string?>(null, "Always", "OnFailure", "Never"),
        (name, containers, inits, restart) =>
        {
            for (var i = 0; i < containers.Count; i++) containers[i].Name = $"c{i}";
            foreach (var (init, i) in inits.Select((c, i) => (c, i)))
            {
                init.Name = $"init{i}";
                init.LivenessProbe = init.ReadinessProbe = null;
            }
            return new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
                Spec = new V1PodSpec { Containers = containers, InitContainers = inits, RestartPolicy = restart },
            };
        });
}
