using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Core.Scheduling;

namespace PodLife.Core.Tests.Admission;

// Expected errors from pkg/apis/core/validation/validation.go (ValidatePodCreate and helpers) and its validation_test.go
// (TestValidatePodSpec, TestValidateContainers, TestValidateInitContainers, TestValidateProbe, TestValidateTolerations,
// TestValidateResourceRequirements); texts as kube-apiserver prints them.
public class PodValidationTests
{
    const string SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    static readonly Dictionary<string, (Action<V1Pod> Change, string Error)> Cases = new()
    {
        ["name must be a DNS subdomain"] = (p => p.Metadata.Name = "Foo_", "metadata.name: Invalid value: \"Foo_\": " + SubdomainMsg),
        ["name or generateName is required"] = (p => p.Metadata.Name = null, "metadata.name: Required value: name or generateName is required"),
        ["generateName may end with a dash but not be invalid"] = (p => p.Metadata.GenerateName = "Web-", "metadata.generateName: Invalid value: \"Web-\": " + SubdomainMsg),
        ["namespace is required"] = (p => p.Metadata.NamespaceProperty = null, "metadata.namespace: Required value"),
        ["namespace must be a DNS label"] = (p => p.Metadata.NamespaceProperty = "my.ns", "metadata.namespace: Invalid value: \"my.ns\": must not contain dots"),
        ["label values must be label values"] = (p => p.Metadata.Labels["run"] = "-web", "metadata.labels: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ["annotations are limited to 256 KiB"] = (p => p.Metadata.Annotations = new Dictionary<string, string> { ["big"] = new string('x', 262144) }, "metadata.annotations: Too long: must have at most 262144 bytes"),
        ["a pod needs containers"] = (p => p.Spec.Containers = [], "spec.containers: Required value"),
        ["a container needs an image"] = (p => Pods.App(p).Image = "", "spec.containers[0].image: Required value"),
        ["an image must not be padded"] = (p => Pods.App(p).Image = " nginx", "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"),
        ["container names are DNS labels"] = (p => Pods.App(p).Name = "Web", "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        ["container names are unique"] = (p => p.Spec.Containers.Add(Copy(Pods.App(p))), "spec.containers[1].name: Duplicate value: \"web\""),
        ["init and regular container names are unique together"] = (p => p.Spec.InitContainers = [Copy(Pods.App(p))], "spec.initContainers[0].name: Duplicate value: \"web\""),
        ["container ports are 1-65535"] = (p => Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 70000, Protocol = "TCP" }], "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
        ["a container port is required"] = (p => Pods.App(p).Ports = [new V1ContainerPort { Protocol = "TCP" }], "spec.containers[0].ports[0].containerPort: Required value"),
        ["port protocols are TCP UDP SCTP"] = (p => Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "HTTP" }], "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        ["port names are IANA names"] = (p => Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "TCP", Name = "12345" }], "spec.containers[0].ports[0].name: Invalid value: \"12345\": must contain at least one letter (a-z)"),
        ["restartPolicy is one of three"] = (p => p.Spec.RestartPolicy = "Sometimes", "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
        ["imagePullPolicy is one of three"] = (p => Pods.App(p).ImagePullPolicy = "Maybe", "spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"IfNotPresent\", \"Never\""),
        ["requests may not exceed limits"] = (p => Pods.App(p).Resources = new V1ResourceRequirements { Limits = Pods.Resources("1", null), Requests = Pods.Resources("2", null) }, "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"),
        ["quantities are not negative"] = (p => Pods.App(p).Resources = new V1ResourceRequirements { Requests = Pods.Resources(null, "-1") }, "spec.containers[0].resources.requests[memory]: Invalid value: \"-1\": must be greater than or equal to 0"),
        ["resource names are standard"] = (p => Pods.App(p).Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["gpu"] = new("1") } }, "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers"),
        ["extended resources need a limit"] = (p => Pods.App(p).Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["example.com/gpu"] = new("1") } }, "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"),
        ["liveness success threshold is 1"] = (p => Pods.App(p).LivenessProbe = Probe(successThreshold: 2), "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
        ["startup success threshold is 1"] = (p => Pods.App(p).StartupProbe = Probe(successThreshold: 3), "spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"),
        ["a probe needs a handler"] = (p => Pods.App(p).ReadinessProbe = new V1Probe { TimeoutSeconds = 1, PeriodSeconds = 10, SuccessThreshold = 1, FailureThreshold = 3 }, "spec.containers[0].readinessProbe: Required value: must specify a handler type"),
        ["a probe has one handler"] = (p => Pods.App(p).ReadinessProbe = Probe(tcp: true), "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
        ["probe timings are not negative"] = (p => Pods.App(p).ReadinessProbe = Probe(period: -1), "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"),
        ["init containers have no probes"] = (p => p.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox", ImagePullPolicy = "Always", TerminationMessagePolicy = "File", LivenessProbe = Probe() }], "spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"),
        ["regular containers have no restartPolicy"] = (p => Pods.App(p).RestartPolicy = "Always", "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"),
        ["a keyless toleration must use Exists"] = (p => p.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Equal", Value = "x" }], "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
        ["tolerationSeconds needs NoExecute"] = (p => p.Spec.Tolerations = [new V1Toleration { Key = "k", OperatorProperty = "Exists", Effect = "NoSchedule", TolerationSeconds = 5 }], "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"),
        ["toleration effects are known"] = (p => p.Spec.Tolerations = [new V1Toleration { Key = "k", OperatorProperty = "Exists", Effect = "Never" }], "spec.tolerations[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
        ["activeDeadlineSeconds is positive"] = (p => p.Spec.ActiveDeadlineSeconds = 0, "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"),
        ["dnsPolicy is known"] = (p => p.Spec.DnsPolicy = "Google", "spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""),
        ["volume mounts name a volume"] = (p => Pods.App(p).VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }], "spec.containers[0].volumeMounts[0].name: Not found: \"data\""),
        ["terminationGracePeriodSeconds is required"] = (p => p.Spec.TerminationGracePeriodSeconds = null, "spec.terminationGracePeriodSeconds: Required value"),
        ["with hostNetwork the host port is the container port"] = (p => { p.Spec.HostNetwork = true; Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 8080, Protocol = "TCP" }]; }, "spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"),
        ["scheduling gates are unique"] = (p => p.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/a" }, new V1PodSchedulingGate { Name = "example.com/a" }], "spec.schedulingGates[1]: Duplicate value: \"example.com/a\""),
        ["an Exists toleration has no value"] = (p => p.Spec.Tolerations = [new V1Toleration { Key = "k", OperatorProperty = "Exists", Value = "v" }], "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"),
        ["host ports do not clash across containers"] = (p => { Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 8080, Protocol = "TCP" }]; p.Spec.Containers.Add(new V1Container { Name = "two", Image = "nginx", ImagePullPolicy = "Always", TerminationMessagePolicy = "File", Ports = [new V1ContainerPort { ContainerPort = 81, HostPort = 8080, Protocol = "TCP" }] }); }, "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""),
        ["an exec probe needs a command"] = (p => Pods.App(p).LivenessProbe = new V1Probe { Exec = new V1ExecAction(), SuccessThreshold = 1 }, "spec.containers[0].livenessProbe.exec.command: Required value"),
        ["probe ports are numbers or port names"] = (p => Pods.App(p).ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 0 }, SuccessThreshold = 1 }, "spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive"),
        ["ephemeral containers cannot be set on create"] = (p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }], "spec.ephemeralContainers: Forbidden: cannot be set on create"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void ADefaultedKubectlRunPodIsValid() => Assert.Equal([], PodValidation.ValidateCreate(Pods.Defaulted()).Errors.Select(e => e.ToString()));

    [Theory, MemberData(nameof(CaseNames))]
    public void RefusesWhatKubeApiserverRefuses(string rule)
    {
        var (change, error) = Cases[rule];
        var result = PodValidation.ValidateCreate(Pods.Defaulted(change));
        Assert.Contains(error, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void SeveralErrorsMakeOneBracketedMessage()
    {
        var pod = Pods.Defaulted(p => { Pods.App(p).Image = ""; p.Spec.RestartPolicy = "Sometimes"; });
        Assert.Equal("Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]",
            PodValidation.ValidateCreate(pod).Message("Pod", "web"));
    }

    [Fact]
    public void AnUndefaultedPodMissesTheDefaultedEnums()
    {
        var errors = PodValidation.ValidateCreate(Pods.Raw()).Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("spec.restartPolicy: Required value", errors);
        Assert.Contains("spec.containers[0].imagePullPolicy: Required value", errors);
    }

    [Fact]
    public void SidecarsMayHaveProbes()
    {
        var pod = Pods.Defaulted(p => p.Spec.InitContainers = [new V1Container
        {
            Name = "proxy", Image = "envoy:v1", ImagePullPolicy = "IfNotPresent", TerminationMessagePolicy = "File", RestartPolicy = "Always", ReadinessProbe = Probe(),
        }]);
        Assert.True(PodValidation.ValidateCreate(pod).IsValid);
    }

    [Fact]
    public void AMalformedPodIsRefusedNotCrashedOn()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["a"] = null! } }, Spec = new V1PodSpec { Containers = [null!], Tolerations = [null!], Volumes = [null!] } };
        var result = PodValidation.ValidateCreate(pod);
        Assert.Contains("spec.containers[0].image: Required value", result.Errors.Select(e => e.ToString()));
        Assert.False(PodValidation.ValidateCreate(null).IsValid);
    }

    static V1Container Copy(V1Container c) => k8s.KubernetesJson.Deserialize<V1Container>(k8s.KubernetesJson.Serialize(c));

    static V1Probe Probe(int successThreshold = 1, int period = 10, bool tcp = false) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/", Port = 8080, Scheme = "HTTP" },
        TcpSocket = tcp ? new V1TCPSocketAction { Port = 8080 } : null,
        TimeoutSeconds = 1, PeriodSeconds = period, SuccessThreshold = successThreshold, FailureThreshold = 3,
    };
}
