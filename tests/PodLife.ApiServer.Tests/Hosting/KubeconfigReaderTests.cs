using System.Text.Json;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using PodLife.ApiServer.Hosting;

namespace PodLife.ApiServer.Tests.Hosting;

/// <summary>
/// <see cref="KubeconfigReader"/> reads what KubernetesClient's own YAML reader reads, and <see cref="Kubeconfig.Merge"/>
/// keeps everything else a user's kubeconfig holds.
/// </summary>
public class KubeconfigReaderTests
{
    const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    // Every field the reader maps, in the shapes kind, cloud providers and kubectl write them.
    const string Everything = """
        apiVersion: v1
        kind: Config
        current-context: kind-dev
        preferences: {}
        clusters:
        - name: kind-dev
          cluster:
            server: https://127.0.0.1:40123
            certificate-authority-data: Q0EK
            tls-server-name: kubernetes
        - name: files
          cluster:
            server: "https://10.0.0.1"
            certificate-authority: certs/ca.crt
            insecure-skip-tls-verify: true
        - name: bare
        users:
        - name: kind-dev
          user:
            client-certificate-data: Q0VSVAo=
            client-key-data: S0VZCg==
        - name: files
          user:
            client-certificate: certs/client.crt
            client-key: /abs/client.key
            as: jane
            as-groups: [devs, ops]
            as-user-extra: {team: blue}
        - name: basic
          user:
            username: admin
            password: '0123'
            token: 000123
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: get-token
              args: [--cluster, dev]
              env:
              - name: REGION
                value: eu
              installHint: install get-token
              provideClusterInfo: true
        - name: provider
          user:
            auth-provider:
              name: oidc
              config: {client-id: podlife, idp-issuer-url: "https://issuer"}
        contexts:
        - name: kind-dev
          context:
            cluster: kind-dev
            user: kind-dev
        - name: files
          context:
            cluster: files
            user: files
            namespace: team-a
        """;

    [Fact]
    public void ReadsWhatKubernetesClientsOwnReaderReads()
    {
        var ours = KubeconfigReader.Parse(Everything, "test");
        var theirs = KubernetesYaml.Deserialize<K8SConfiguration>(Everything);

        Assert.Equal(Json(theirs), Json(ours));
        Assert.Equal("000123", ours.Users.Single(u => u.Name == "basic").UserCredentials.Token);
        Assert.True(ours.Clusters.Single(c => c.Name == "files").ClusterEndpoint.SkipTlsVerify);
    }

    // Both sides as the same JSON: every public property, nested, compared at once.
    static string Json(K8SConfiguration config) =>
        JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true });

    [Fact]
    public void RelativeFileNamesAreRelativeToTheKubeconfigsDirectory()
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var ca = Security.ServingCertificates.LoadOrCreate(dir.Path, TimeProvider.System).CaCertificatePem;
        Directory.CreateDirectory(Path.Combine(dir.Path, "conf", "certs"));
        File.WriteAllText(Path.Combine(dir.Path, "conf", "certs", "ca.crt"), ca);
        var path = Path.Combine(dir.Path, "conf", "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", certificate-authority: certs/ca.crt}}]
            users: [{name: u, user: {token: abc}}]
            contexts: [{name: c, context: {cluster: c, user: u, namespace: ns1}}]
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));

        Assert.Equal(("https://127.0.0.1:6443", "abc", "ns1"), (config.Host, config.AccessToken, config.Namespace));
        Assert.Equal("CN=podlife-ca", Assert.Single(config.SslCaCerts).Subject);
    }

    [Theory]
    [InlineData("clusters: [unclosed")]
    [InlineData("- just\n- a list\n")]
    public void AFileThatIsNotAKubeconfigIsAKubeConfigExceptionNamingIt(string text)
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, "broken");
        File.WriteAllText(path, text);

        var e = Assert.Throws<KubeConfigException>(() => KubeconfigReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeAddsOurEntriesReplacesAnOldOneAndKeepsTheRest()
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var ca = Security.ServingCertificates.LoadOrCreate(dir.Path, TimeProvider.System).CaCertificatePem;
        var path = Path.Combine(dir.Path, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: kind-dev
            preferences: {colors: true}
            clusters:
            - name: kind-dev
              cluster: {server: "https://127.0.0.1:40123", certificate-authority-data: Q0EK}
            - name: podlife
              cluster: {server: "https://127.0.0.1:1"}
            users:
            - name: kind-dev
              user: {client-certificate-data: Q0VSVAo=, client-key-data: S0VZCg==}
            - name: podlife
              user: {token: stale}
            contexts:
            - name: kind-dev
              context: {cluster: kind-dev, user: kind-dev}
              extensions: [{name: ours-not, extension: {x: 1}}]
            - name: podlife
              context: {cluster: podlife, user: podlife}
            """);

        Kubeconfig.Merge(path, "https://127.0.0.1:6443", ca, "fresh");

        var text = File.ReadAllText(path);
        var merged = KubernetesYaml.Deserialize<K8SConfiguration>(text);
        Assert.Equal("podlife", merged.CurrentContext);
        Assert.Equal(["kind-dev", "podlife"], merged.Clusters.Select(c => c.Name));
        Assert.Equal(["kind-dev", "podlife"], merged.Users.Select(u => u.Name));
        Assert.Equal(["kind-dev", "podlife"], merged.Contexts.Select(c => c.Name));
        Assert.Equal("Q0VSVAo=", merged.Users.First().UserCredentials.ClientCertificateData);
        Assert.Contains("colors: true", text, StringComparison.Ordinal);
        Assert.Contains("name: ours-not", text, StringComparison.Ordinal);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));
        Assert.Equal(("https://127.0.0.1:6443", "fresh", "default"), (config.Host, config.AccessToken, config.Namespace));
        Assert.Equal("https://127.0.0.1:40123", merged.Clusters.First().ClusterEndpoint.Server);
    }

    [Fact]
    public void MergeIntoAMissingFileWritesAKubeconfigWithOnlyOurs()
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, ".kube", "config");

        Kubeconfig.Merge(path, "https://127.0.0.1:6443", Ca, "fresh");

        var read = KubeconfigReader.Read(path);
        Assert.Equal(("v1", "Config", "podlife"), (read.ApiVersion, read.Kind, read.CurrentContext));
        Assert.Equal("fresh", Assert.Single(read.Users).UserCredentials.Token);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
