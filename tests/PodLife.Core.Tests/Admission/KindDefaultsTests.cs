using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/core/v1/defaults.go: SetDefaults_Namespace, SetDefaults_NamespaceStatus, SetDefaults_NodeStatus,
// SetDefaults_Secret, SetDefaults_ConfigMap, SetDefaults_ServiceAccountTokenProjection.
public class KindDefaultsTests
{
    [Fact]
    public void ANamespaceIsLabelledWithItsNameAndActive()
    {
        var ns = KindDefaults.Namespace(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } });
        Assert.Equal("team-a", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", ns.Status.Phase);
    }

    [Fact]
    public void ANamelessNamespaceGetsNoLabel() =>
        Assert.Null(KindDefaults.Namespace(new V1Namespace { Metadata = new V1ObjectMeta { GenerateName = "team-" } }).Metadata.Labels);

    [Fact]
    public void ANodeCanAllocateItsCapacityUnlessToldOtherwise()
    {
        var node = KindDefaults.Node(new V1Node { Status = new V1NodeStatus { Capacity = Pods.Resources("4", "8Gi") } });
        Assert.Equal(("4", "8Gi"), (node.Status.Allocatable["cpu"].ToString(), node.Status.Allocatable["memory"].ToString()));
    }

    [Fact]
    public void SecretsAreOpaqueAndConfigMapsHaveData()
    {
        Assert.Equal("Opaque", KindDefaults.Secret(new V1Secret()).Type);
        Assert.NotNull(KindDefaults.ConfigMap(new V1ConfigMap()).Data);
    }

    [Fact]
    public void AProjectedTokenLastsAnHourByDefault()
    {
        var pod = PodDefaults.ApplySchemeDefaults(Pods.Raw(p => p.Spec.Volumes =
            [new V1Volume { Name = "token", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "t" } }] } }]));
        Assert.Equal(3600, pod.Spec.Volumes[0].Projected.Sources[0].ServiceAccountToken.ExpirationSeconds);
    }
}
