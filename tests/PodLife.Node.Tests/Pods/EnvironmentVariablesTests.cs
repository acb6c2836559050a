using System.Text;
using k8s.Models;
using PodLife.Node.Pods;

namespace PodLife.Node.Tests.Pods;

/// <summary>
/// Container environments as kubelet makes them (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, its cases in
/// kubelet_pods_test.go TestMakeEnvironmentVariables, and third_party/forked/golang/expansion/expand_test.go).
/// </summary>
public sealed class EnvironmentVariablesTests
{
    static readonly V1Pod Pod = new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "u-1", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { NodeName = "node-1", ServiceAccountName = "default", Containers = [] },
    };

    static readonly EnvSources Sources = new(
        new Dictionary<string, V1ConfigMap?> { ["settings"] = new() { Data = new Dictionary<string, string> { ["level"] = "debug", ["mode"] = "fast" } } },
        new Dictionary<string, V1Secret?> { ["creds"] = new() { Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") } } });

    static V1EnvVar FromConfigMap(string name, string map, string key, bool? optional = null) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = map, Key = key, Optional = optional } } };

    static V1EnvVar FromSecret(string name, string secret, string key, bool? optional = null) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key, Optional = optional } } };

    static V1EnvVar FromField(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };

    static string Resolve(V1Container c) =>
        string.Join(" ", EnvironmentVariables.Resolve(c, Pod, Sources, "10.244.0.5", "172.18.0.2").Select(e => $"{e.Key}={e.Value}"));

    [Fact]
    public void KeyReferencesReadConfigMapsSecretsAndPodFields()
    {
        var c = new V1Container
        {
            Name = "c",
            Env =
            [
                FromConfigMap("LEVEL", "settings", "level"), FromSecret("PASSWORD", "creds", "password"),
                FromField("POD", "metadata.name"), FromField("NS", "metadata.namespace"), FromField("NODE", "spec.nodeName"),
                FromField("IP", "status.podIP"), FromField("HOST", "status.hostIP"), FromField("APP", "metadata.labels['app']"),
            ],
        };

        Assert.Equal("LEVEL=debug PASSWORD=s3cret POD=web NS=shop NODE=node-1 IP=10.244.0.5 HOST=172.18.0.2 APP=web", Resolve(c));
    }

    [Fact]
    public void EnvFromComesFirstWithItsPrefixAndEnvOverridesIt()
    {
        var c = new V1Container
        {
            Name = "c",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" }, Prefix = "APP_" }],
            Env = [new V1EnvVar { Name = "APP_mode", Value = "slow" }],
        };

        Assert.Equal("APP_level=debug APP_mode=slow", Resolve(c));
    }

    // The messages kubelet puts in the Waiting CreateContainerConfigError state and the "Error: ..." event.
    [Theory]
    [InlineData("configmap", "missing", "level", "configmap \"missing\" not found")]
    [InlineData("configmap", "settings", "nokey", "couldn't find key nokey in ConfigMap shop/settings")]
    [InlineData("secret", "missing", "password", "secret \"missing\" not found")]
    [InlineData("secret", "creds", "nokey", "couldn't find key nokey in Secret shop/creds")]
    public void AMissingRequiredSourceOrKeyFailsWithKubeletsMessage(string kind, string name, string key, string message)
    {
        var c = new V1Container { Name = "c", Env = [kind == "configmap" ? FromConfigMap("V", name, key) : FromSecret("V", name, key)] };

        var error = Assert.Throws<ContainerConfigException>(() => Resolve(c));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("configmap", "missing", "level")]
    [InlineData("configmap", "settings", "nokey")]
    [InlineData("secret", "missing", "password")]
    [InlineData("secret", "creds", "nokey")]
    public void AMissingOptionalSourceOrKeyLeavesTheVariableOut(string kind, string name, string key)
    {
        var c = new V1Container { Name = "c", Env = [kind == "configmap" ? FromConfigMap("V", name, key, true) : FromSecret("V", name, key, true), new() { Name = "W", Value = "1" }] };

        Assert.Equal("W=1", Resolve(c));
    }

    [Fact]
    public void AMissingRequiredEnvFromSourceFailsAndAnOptionalOneIsSkipped()
    {
        var required = new V1Container { Name = "c", EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "gone" } }] };
        var optional = new V1Container { Name = "c", EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "gone", Optional = true } }] };

        Assert.Equal("secret \"gone\" not found", Assert.Throws<ContainerConfigException>(() => Resolve(required)).Message);
        Assert.Equal("", Resolve(optional));
    }

    // expand_test.go: defined references are replaced, $$ escapes, unknown and unclosed references stay as written.
    [Theory]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("___$(VAR_B)___", "___B___")]
    [InlineData("$(VAR_A)-$(VAR_B)", "A-B")]
    [InlineData("$$(VAR_A)", "$(VAR_A)")]
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("$(UNKNOWN)", "$(UNKNOWN)")]
    [InlineData("$(VAR_A", "$(VAR_A")]
    [InlineData("$VAR_A", "$VAR_A")]
    [InlineData("trailing $", "trailing $")]
    [InlineData("no references", "no references")]
    public void DollarParenReferencesExpandAsKubeletExpandsThem(string input, string expected)
    {
        var defined = new List<KeyValuePair<string, string>> { new("VAR_A", "A"), new("VAR_B", "B") };

        Assert.Equal(expected, EnvironmentVariables.Expand(input, defined));
    }

    [Fact]
    public void ALiteralValueSeesOnlyTheVariablesDefinedBeforeIt()
    {
        var c = new V1Container
        {
            Name = "c",
            Env = [new() { Name = "B", Value = "$(A)-b" }, new() { Name = "A", Value = "a" }, new() { Name = "C", Value = "$(A)-c" }],
        };

        Assert.Equal("B=$(A)-b A=a C=a-c", Resolve(c));
    }

    [Fact]
    public void ServiceVariablesCanBeReferredToAndComeAfterTheContainersOwnWhichWin()
    {
        var c = new V1Container
        {
            Name = "c",
            Env = [new() { Name = "URL", Value = "http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT)/" }, new() { Name = "WEB_SERVICE_PORT", Value = "mine" }],
        };
        IReadOnlyList<KeyValuePair<string, string>> services = [new("WEB_SERVICE_HOST", "10.96.5.5"), new("WEB_SERVICE_PORT", "80")];

        var env = EnvironmentVariables.Resolve(c, Pod, Sources, "10.244.0.5", "172.18.0.2", services);

        Assert.Equal("URL=http://10.96.5.5:80/ WEB_SERVICE_PORT=mine WEB_SERVICE_HOST=10.96.5.5", string.Join(" ", env.Select(e => $"{e.Key}={e.Value}")));
    }
}
