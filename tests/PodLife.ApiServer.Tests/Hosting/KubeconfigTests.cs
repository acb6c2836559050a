using System.Text;
using k8s;
using k8s.KubeConfigModels;
using PodLife.ApiServer.Hosting;

namespace PodLife.ApiServer.Tests.Hosting;

/// <summary>The hand-written kubeconfig YAML reads back as the document <see cref="Kubeconfig.Build"/> describes.</summary>
public class KubeconfigTests
{
    const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Theory]
    [InlineData("https://127.0.0.1:6443", "0123456789abcdef")]
    [InlineData("https://[::1]:40000", "a\"quoted\\token: with # yaml # characters")]
    [InlineData("https://localhost:6443", "true")]
    [InlineData("https://localhost:6443", "0123456789")]
    public void TheYamlReadsBackAsTheBuiltConfig(string server, string token)
    {
        var read = KubernetesYaml.Deserialize<K8SConfiguration>(Kubeconfig.Yaml(server, Ca, token));
        var built = Kubeconfig.Build(server, Ca, token);

        Assert.Equal(built.CurrentContext, read.CurrentContext);
        Assert.Equal("Config", read.Kind);
        var cluster = Assert.Single(read.Clusters);
        Assert.Equal(("podlife", server), (cluster.Name, cluster.ClusterEndpoint.Server));
        Assert.Equal(Ca, Encoding.UTF8.GetString(Convert.FromBase64String(cluster.ClusterEndpoint.CertificateAuthorityData)));
        var user = Assert.Single(read.Users);
        Assert.Equal(("podlife", token), (user.Name, user.UserCredentials.Token));
        var context = Assert.Single(read.Contexts);
        Assert.Equal(("podlife", "podlife", "podlife", "default"), (context.Name, context.ContextDetails.Cluster, context.ContextDetails.User, context.ContextDetails.Namespace));
    }

    [Fact]
    public void TheServerLineIsPlainAsKubernetesYamlWritesIt()
    {
        var yaml = Kubeconfig.Yaml("https://127.0.0.1:6443", Ca, "0a1b2c");
        Assert.Contains("\n    server: https://127.0.0.1:6443\n", yaml);
        Assert.Contains("\n    token: 0a1b2c\n", yaml);
    }

    [Fact]
    public void TheWrittenFileIsPrivateAndTheClientConnectsWithIt()
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, "sub", "kubeconfig");
        var ca = Security.ServingCertificates.LoadOrCreate(dir.Path, TimeProvider.System).CaCertificatePem;
        Kubeconfig.Write(path, "https://127.0.0.1:6443", ca, "secret");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        Assert.Equal("https://127.0.0.1:6443", config.Host);
        Assert.Equal("secret", config.AccessToken);
        Assert.Equal("default", config.Namespace);
        Assert.Equal("CN=podlife-ca", Assert.Single(config.SslCaCerts).Subject);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    // A reader polling for the file (a script, `podlife bench startup`) must never see half of it.
    [Fact]
    public async Task AReaderNeverSeesAPartlyWrittenFile()
    {
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, "kubeconfig");
        var ca = Security.ServingCertificates.LoadOrCreate(dir.Path, TimeProvider.System).CaCertificatePem;
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                if (!File.Exists(path)) continue;
                string text;
                try { text = File.ReadAllText(path); }
                catch (FileNotFoundException) { continue; }
                Assert.EndsWith("namespace: default\n", text);
                reads++;
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 300; i++) Kubeconfig.Write(path, "https://127.0.0.1:6443", ca, "secret");
        await done.CancelAsync();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(["kubeconfig"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Where(n => n!.StartsWith("kube", StringComparison.Ordinal)));
    }

    [Fact]
    public void AKubeconfigBehindASymbolicLinkIsWrittenThroughTheLink()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new PodLife.Testing.TempDirectory();
        var target = Path.Combine(dir.Path, "dotfiles", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "apiVersion: v1\nkind: Config\n");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var link = Path.Combine(dir.Path, "config");
        File.CreateSymbolicLink(link, target);

        var ca = Security.ServingCertificates.LoadOrCreate(dir.Path, TimeProvider.System).CaCertificatePem;
        Kubeconfig.Merge(link, "https://127.0.0.1:6443", ca, "secret");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("secret", KubernetesClientConfiguration.BuildConfigFromConfigFile(target).AccessToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }
}
