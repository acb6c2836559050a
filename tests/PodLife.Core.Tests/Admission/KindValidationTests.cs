using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/core/validation (ValidateNamespace, ValidateNode, ValidateConfigMap(Update), ValidateSecret(Update),
// ValidateServiceAccount, legacy event validation) and pkg/apis/coordination/validation ValidateLease.
public class KindValidationTests
{
    static V1ObjectMeta Meta(string name, string? ns = "default") => new() { Name = name, NamespaceProperty = ns };

    static IEnumerable<string> Texts(ValidationResult result) => result.Errors.Select(e => e.ToString());

    [Fact]
    public void NamespacesAreDnsLabelsWithoutANamespace()
    {
        Assert.True(KindValidation.Namespace(new V1Namespace { Metadata = Meta("team-a", null) }).IsValid);
        Assert.Contains("metadata.name: Invalid value: \"team.a\": must not contain dots", Texts(KindValidation.Namespace(new V1Namespace { Metadata = Meta("team.a", null) })));
        Assert.Contains("metadata.namespace: Forbidden: not allowed on this type", Texts(KindValidation.Namespace(new V1Namespace { Metadata = Meta("team-a", "x") })));
    }

    [Fact]
    public void NodesMayHaveDottedNames() => Assert.True(KindValidation.Node(new V1Node { Metadata = Meta("node-1.example.com", null) }).IsValid);

    [Fact]
    public void ConfigMapKeysAreCheckedAndMayNotRepeatInBinaryData()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = Meta("settings"),
            Data = new Dictionary<string, string> { ["good.key"] = "1", ["bad key"] = "2", ["both"] = "3" },
            BinaryData = new Dictionary<string, byte[]> { ["both"] = [1] },
        };
        var errors = Texts(ConfigDataValidation.ConfigMap(configMap)).ToList();
        Assert.Contains("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", errors);
        Assert.Contains("data[both]: Invalid value: \"both\": duplicate of key present in binaryData", errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void ImmutableConfigMapsKeepTheirData()
    {
        var old = new V1ConfigMap { Metadata = Meta("settings"), Immutable = true, Data = new Dictionary<string, string> { ["a"] = "1" } };
        var updated = new V1ConfigMap { Metadata = Meta("settings"), Immutable = true, Data = new Dictionary<string, string> { ["a"] = "2" } };
        updated.Metadata.ResourceVersion = "2";
        Assert.Equal(["data: Forbidden: field is immutable when `immutable` is set"], Texts(ConfigDataValidation.ConfigMap(updated, old)));
    }

    [Fact]
    public void SecretsCheckStringDataKeysAndKeepTheirType()
    {
        var secret = new V1Secret { Metadata = Meta("creds"), StringData = new Dictionary<string, string> { ["../x"] = "y" } };
        Assert.Contains("data[../x]: Invalid value: \"../x\": must not start with '..'", Texts(ConfigDataValidation.Secret(secret)));
        var old = new V1Secret { Metadata = Meta("creds"), Type = "Opaque" };
        var updated = new V1Secret { Metadata = Meta("creds"), Type = "kubernetes.io/tls" };
        updated.Metadata.ResourceVersion = "2";
        Assert.Contains("type: Invalid value: \"kubernetes.io/tls\": field is immutable", Texts(ConfigDataValidation.Secret(updated, old)));
    }

    [Fact]
    public void EventsMustMatchTheirObjectsNamespace()
    {
        var ev = new Corev1Event { Metadata = Meta("web.17a"), InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "other" } };
        Assert.Equal(["involvedObject.namespace: Invalid value: \"other\": does not match event.namespace"], Texts(KindValidation.Event(ev)));
        var nodeEvent = new Corev1Event { Metadata = Meta("node-1.17a"), InvolvedObject = new V1ObjectReference { Kind = "Node", Name = "node-1" } };
        Assert.True(KindValidation.Event(nodeEvent).IsValid);
    }

    [Fact]
    public void LeasesNeedAPositiveDuration() =>
        Assert.Equal(["spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"],
            Texts(KindValidation.Lease(new V1Lease { Metadata = Meta("node-1", "kube-node-lease"), Spec = new V1LeaseSpec { LeaseDurationSeconds = 40, LeaseTransitions = -1 } })));

    [Fact]
    public void ServiceAccountsAreNamespacedSubdomains() =>
        Assert.Equal(["metadata.namespace: Required value"], Texts(KindValidation.ServiceAccount(new V1ServiceAccount { Metadata = Meta("builder", null) })));

    [Fact]
    public void GeneratedNamesCutThePrefixAndUseKubernetesSuffixCharacters()
    {
        Assert.Equal("web-x7k2p", GeneratedName.From("web-", "x7k2p"));
        Assert.Equal(new string('a', 58) + "bcdfg", GeneratedName.From(new string('a', 70), "bcdfg"));
        Assert.All(GeneratedName.RandomSuffix(new Random(1)), c => Assert.Contains(c, GeneratedName.Alphabet));
    }

    [Fact]
    public void AGenerateNameWithATrailingDashIsFine()
    {
        var meta = new V1ObjectMeta { GenerateName = "web-", Name = "web-x7k2p", NamespaceProperty = "default" };
        Assert.Empty(ObjectMetaValidation.Validate(meta, NameRules.Pod, namespaced: true));
    }
}
