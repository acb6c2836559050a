using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/core/v1/defaults.go (and its defaults_test.go), the serviceaccount and defaulttolerationseconds
// admission plugins, and pkg/registry/core/pod/strategy.go PrepareForCreate; values as `kubectl get pod -o yaml` shows them.
public class PodDefaultsTests
{
    [Fact]
    public void AKubectlRunPodGetsThePodLevelDefaults()
    {
        var spec = Pods.Defaulted().Spec;
        Assert.Equal(("Always", "ClusterFirst", "default-scheduler", 30L), (spec.RestartPolicy, spec.DnsPolicy, spec.SchedulerName, spec.TerminationGracePeriodSeconds));
        Assert.NotNull(spec.SecurityContext);
        Assert.True(spec.EnableServiceLinks);
        // Priority admission needs the PriorityClass objects, so it is not a default (PriorityAdmissionTests).
        Assert.Equal((null, null), (spec.Priority, spec.PreemptionPolicy));
        Assert.Equal(("default", "default"), (spec.ServiceAccountName, spec.ServiceAccount));
    }

    [Fact]
    public void ApplyDefaultsACopyAndFillThePodItIsGivenAlike()
    {
        var raw = Pods.Raw();
        var applied = PodDefaults.Apply(raw, "x7k2p");
        Assert.NotSame(raw, applied);
        Assert.Null(raw.Spec.RestartPolicy);
        Assert.Null(raw.Status);

        var filled = PodDefaults.Fill(raw, "x7k2p");
        Assert.Same(raw, filled);
        Assert.Equal(k8s.KubernetesJson.Serialize(applied), k8s.KubernetesJson.Serialize(filled));
        Assert.Same(raw, PodDefaults.FillSchemeDefaults(raw));
        Assert.NotSame(raw, PodDefaults.ApplySchemeDefaults(raw));
    }

    [Fact]
    public void TheContainerGetsItsDefaults()
    {
        var app = Pods.App(Pods.Defaulted());
        Assert.Equal(("Always", "/dev/termination-log", "File"), (app.ImagePullPolicy, app.TerminationMessagePath, app.TerminationMessagePolicy));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("docker.io/library/nginx", "Always")]
    [InlineData("registry.local:5000/team/app", "Always")]
    [InlineData("registry.local:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always")]
    [InlineData("NGINX", "IfNotPresent")] // unparseable: no tag is found
    [InlineData("", "IfNotPresent")]
    public void ImagePullPolicyFollowsTheTag(string image, string expected) =>
        Assert.Equal(expected, Pods.App(PodDefaults.Apply(Pods.Raw(p => Pods.App(p).Image = image), "x7k2p")).ImagePullPolicy);

    [Fact]
    public void AnExplicitPullPolicyIsKept() =>
        Assert.Equal("Never", Pods.App(PodDefaults.Apply(Pods.Raw(p => Pods.App(p).ImagePullPolicy = "Never"), "x7k2p")).ImagePullPolicy);

    [Fact]
    public void PortsDefaultToTcpAndHostNetworkCopiesTheHostPort()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p =>
        {
            p.Spec.HostNetwork = true;
            Pods.App(p).Ports = [new V1ContainerPort { ContainerPort = 80 }, new V1ContainerPort { ContainerPort = 53, Protocol = "UDP" }];
        }), "x7k2p");
        Assert.Collection(Pods.App(pod).Ports,
            p => Assert.Equal(("TCP", 80), (p.Protocol, p.HostPort ?? 0)),
            p => Assert.Equal(("UDP", 53), (p.Protocol, p.HostPort ?? 0)));
    }

    [Fact]
    public void RequestsAreCopiedFromLimitsOnlyWhereUnset()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => Pods.App(p).Resources = new V1ResourceRequirements
        {
            Limits = Pods.Resources("1", "1Gi"),
            Requests = Pods.Resources("500m", null),
        }), "x7k2p");
        var requests = Pods.App(pod).Resources.Requests;
        Assert.Equal(("500m", "1Gi"), (requests["cpu"].ToString(), requests["memory"].ToString()));
        Assert.Equal("Burstable", pod.Status.QosClass);
    }

    [Fact]
    public void QuantitiesFinerThanMilliAreRoundedUp()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => Pods.App(p).Resources = new V1ResourceRequirements { Requests = Pods.Resources("100n", "1.5Gi") }), "x7k2p");
        Assert.Equal(("1m", "1536Mi"), (Pods.App(pod).Resources.Requests["cpu"].ToString(), Pods.App(pod).Resources.Requests["memory"].ToString()));
    }

    [Fact]
    public void LimitsAloneMakeAGuaranteedPod()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => Pods.App(p).Resources = new V1ResourceRequirements { Limits = Pods.Resources("1", "1Gi") }), "x7k2p");
        Assert.Equal("Guaranteed", pod.Status.QosClass);
    }

    [Fact]
    public void ProbesGetTimingDefaultsAndHttpGetItsPathAndScheme()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => Pods.App(p).LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080 } }), "x7k2p");
        var probe = Pods.App(pod).LivenessProbe;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal(("/", "HTTP"), (probe.HttpGet.Path, probe.HttpGet.Scheme));
    }

    [Fact]
    public void TheServiceAccountTokenIsProjectedAndMountedReadOnlyEverywhere()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox" }]), "x7k2p");
        var volume = Assert.Single(pod.Spec.Volumes);
        Assert.Equal("kube-api-access-x7k2p", volume.Name);
        Assert.Equal(420, volume.Projected.DefaultMode);
        Assert.Collection(volume.Projected.Sources,
            s => Assert.Equal((3607L, "token"), (s.ServiceAccountToken.ExpirationSeconds ?? 0, s.ServiceAccountToken.Path)),
            s => Assert.Equal(("kube-root-ca.crt", "ca.crt"), (s.ConfigMap.Name, s.ConfigMap.Items[0].Key)),
            s => Assert.Equal(("namespace", "metadata.namespace"), (s.DownwardAPI.Items[0].Path, s.DownwardAPI.Items[0].FieldRef.FieldPath)));
        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers))
        {
            var mount = Assert.Single(container.VolumeMounts);
            Assert.Equal(("kube-api-access-x7k2p", true, "/var/run/secrets/kubernetes.io/serviceaccount"), (mount.Name, mount.ReadOnlyProperty ?? false, mount.MountPath));
        }
    }

    [Fact]
    public void NoTokenWhenAutomountIsOff()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Spec.AutomountServiceAccountToken = false), "x7k2p");
        Assert.Null(pod.Spec.Volumes);
        Assert.Null(Pods.App(pod).VolumeMounts);
    }

    [Fact]
    public void NotReadyAndUnreachableAreToleratedFor300Seconds()
    {
        var tolerations = Pods.Defaulted().Spec.Tolerations;
        Assert.Equal(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"], tolerations.Select(t => t.Key));
        Assert.All(tolerations, t => Assert.Equal(("Exists", "NoExecute", 300L), (t.OperatorProperty, t.Effect, t.TolerationSeconds ?? 0)));
    }

    [Fact]
    public void AnExistingToleranceOfNotReadyIsRespected()
    {
        var own = new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 10 };
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Spec.Tolerations = [own]), "x7k2p");
        Assert.Equal([("node.kubernetes.io/not-ready", 10L), ("node.kubernetes.io/unreachable", 300L)],
            pod.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds ?? 0)));
    }

    [Fact]
    public void AKeylessExistsTolerationToleratesEverything()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }]), "x7k2p");
        Assert.Single(pod.Spec.Tolerations);
    }

    [Fact]
    public void TheClientsStatusIsReplacedByPending()
    {
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Status = new V1PodStatus { Phase = "Running", PodIP = "10.0.0.1" }), "x7k2p");
        Assert.Equal(("Pending", "BestEffort", null), (pod.Status.Phase, pod.Status.QosClass, pod.Status.PodIP));
    }

    [Fact]
    public void TheInputIsNotChanged()
    {
        var raw = Pods.Raw();
        var before = Pods.Json(raw);
        PodDefaults.Apply(raw, "x7k2p");
        Assert.Equal(before, Pods.Json(raw));
    }

    [Fact]
    public void ApplyingTwiceEqualsApplyingOnce()
    {
        var once = PodDefaults.Apply(Pods.Raw(), "aaaaa");
        Assert.Equal(Pods.Json(once), Pods.Json(PodDefaults.Apply(once, "bbbbb")));
    }

    [Fact]
    public void VolumesWithoutSourceBecomeEmptyDirsAndSecretsGetAMode()
    {
        var pod = PodDefaults.ApplySchemeDefaults(Pods.Raw(p => p.Spec.Volumes =
            [new V1Volume { Name = "scratch" }, new V1Volume { Name = "creds", Secret = new V1SecretVolumeSource { SecretName = "s" } }]));
        Assert.NotNull(pod.Spec.Volumes[0].EmptyDir);
        Assert.Equal(420, pod.Spec.Volumes[1].Secret.DefaultMode);
    }

    [Fact]
    public void SchemeDefaultsAloneAddNoAdmissionChanges()
    {
        var pod = PodDefaults.ApplySchemeDefaults(Pods.Raw());
        Assert.Null(pod.Spec.Tolerations);
        Assert.Null(pod.Spec.Volumes);
        Assert.Null(pod.Status);
    }

    [Fact]
    public void AnEmptyPodIsFilledInWithoutCrashing()
    {
        var pod = PodDefaults.Apply(new V1Pod { Spec = new V1PodSpec { Containers = [null!], InitContainers = [] } }, "x7k2p");
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal("IfNotPresent", Pods.App(pod).ImagePullPolicy);
    }
}
