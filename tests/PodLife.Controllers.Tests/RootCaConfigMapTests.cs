using k8s.Models;
using PodLife.Controllers.RootCa;

namespace PodLife.Controllers.Tests;

// The root-ca-cert-publisher's rule (pkg/controller/certificates/rootcacertpublisher): data and description are its own.
public class RootCaConfigMapTests
{
    const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    static V1ConfigMap Existing(IDictionary<string, string> data, IDictionary<string, string>? annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = RootCaConfigMap.Name, NamespaceProperty = "team-a", ResourceVersion = "42", Annotations = annotations, Labels = new Dictionary<string, string> { ["keep"] = "me" } },
        Data = data,
    };

    static Dictionary<string, string> Described => new() { [RootCaConfigMap.DescriptionAnnotation] = RootCaConfigMap.Description };

    [Fact]
    public void AMissingConfigMapIsCreatedWithTheCaAndTheDescription()
    {
        var created = RootCaConfigMap.Reconcile(null, "team-a", Ca)!;

        Assert.Equal(("kube-root-ca.crt", "team-a", null), (created.Metadata.Name, created.Metadata.NamespaceProperty, created.Metadata.ResourceVersion));
        Assert.Equal(new Dictionary<string, string> { ["ca.crt"] = Ca }, created.Data);
        Assert.StartsWith("Contains a CA bundle that can be used to verify the kube-apiserver", created.Metadata.Annotations["kubernetes.io/description"]);
    }

    [Fact]
    public void ARightConfigMapIsLeftAlone() =>
        Assert.Null(RootCaConfigMap.Reconcile(Existing(new Dictionary<string, string> { ["ca.crt"] = Ca }, Described), "team-a", Ca));

    [Theory]
    [InlineData("ca.crt", "someone else's CA")]
    [InlineData("extra", "value")]
    public void ChangedDataIsReplacedWholeKeepingTheRestOfTheObject(string key, string value)
    {
        var current = Existing(new Dictionary<string, string> { ["ca.crt"] = Ca, [key] = value }, Described);

        var fixedUp = RootCaConfigMap.Reconcile(current, "team-a", Ca)!;

        Assert.Equal(new Dictionary<string, string> { ["ca.crt"] = Ca }, fixedUp.Data);
        Assert.Equal(("42", "me"), (fixedUp.Metadata.ResourceVersion, fixedUp.Metadata.Labels["keep"]));
        Assert.Equal(value, current.Data[key]); // the informer's copy is not touched
    }

    [Fact]
    public void AMissingDescriptionIsAddedBesideOtherAnnotations()
    {
        var fixedUp = RootCaConfigMap.Reconcile(Existing(new Dictionary<string, string> { ["ca.crt"] = Ca }, new Dictionary<string, string> { ["note"] = "x" }), "team-a", Ca)!;

        Assert.Equal(RootCaConfigMap.Description, fixedUp.Metadata.Annotations[RootCaConfigMap.DescriptionAnnotation]);
        Assert.Equal("x", fixedUp.Metadata.Annotations["note"]);
    }
}
