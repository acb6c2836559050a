using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;
using PodLife.Node.Runtime.Simulated.Images;
using PodLife.Testing;

namespace PodLife.Node.Tests.Runtime;

public sealed class ImageCatalogTests
{
    // Everyday manifests from the Kubernetes documentation and tutorials.
    [Theory]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.14.2", "docker.io/library/nginx:1.14.2")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("python:3.12-slim", "docker.io/library/python:3.12-slim")]
    [InlineData("perl:5.34.0", "docker.io/library/perl:5.34.0")]
    [InlineData("registry.k8s.io/busybox:1.27.2", "registry.k8s.io/busybox:1.27.2")]
    [InlineData("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9")]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.40")]
    [InlineData("polinux/stress", "docker.io/polinux/stress:latest")]
    [InlineData("redis:7-alpine", "docker.io/library/redis:7-alpine")]
    [InlineData("postgres:16", "docker.io/library/postgres:16")]
    [InlineData("mysql:8.0", "docker.io/library/mysql:8.0")]
    [InlineData("node:20-alpine", "docker.io/library/node:20-alpine")]
    [InlineData("alpine:3.20", "docker.io/library/alpine:3.20")]
    [InlineData("ubuntu:22.04", "docker.io/library/ubuntu:22.04")]
    [InlineData("debian:bookworm-slim", "docker.io/library/debian:bookworm-slim")]
    [InlineData("golang:1.22", "docker.io/library/golang:1.22")]
    [InlineData("httpd:2.4", "docker.io/library/httpd:2.4")]
    [InlineData("redis:5.0.4", "docker.io/library/redis:5.0.4")]
    [InlineData("mysql:5.6", "docker.io/library/mysql:5.6")]
    [InlineData("docker.io/library/nginx:stable-alpine", "docker.io/library/nginx:stable-alpine")]
    public async Task EverydayImagesArePulledUnderTheirNormalisedName(string reference, string repoTag)
    {
        using var node = new RuntimeHarness();

        await node.PullAsync(reference);

        var image = await node.Runtime.ImageStatusAsync(reference, RuntimeHarness.Token);
        Assert.NotNull(image);
        Assert.Equal([repoTag], image.RepoTags);
        Assert.StartsWith("sha256:", image.Id);
        Assert.Matches("@sha256:[0-9a-f]{64}$", Assert.Single(image.RepoDigests));
    }

    // Worded as containerd 1.6 answers (see /work/shared/notes/cri-setup.md): a missing tag is NotFound; Docker Hub
    // answers 401 for a repository that does not exist; an unknown registry host fails name resolution.
    [Theory]
    [InlineData("nginx:doesnotexist", RuntimeErrorCode.NotFound,
        "failed to pull and unpack image \"docker.io/library/nginx:doesnotexist\": failed to resolve reference \"docker.io/library/nginx:doesnotexist\": docker.io/library/nginx:doesnotexist: not found")]
    [InlineData("registry.k8s.io/nosuch:1.0", RuntimeErrorCode.NotFound,
        "failed to pull and unpack image \"registry.k8s.io/nosuch:1.0\": failed to resolve reference \"registry.k8s.io/nosuch:1.0\": registry.k8s.io/nosuch:1.0: not found")]
    [InlineData("ngnix", RuntimeErrorCode.Unknown,
        "failed to pull and unpack image \"docker.io/library/ngnix:latest\": failed to resolve reference \"docker.io/library/ngnix:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")]
    [InlineData("registry.example.com/team/app:1.0", RuntimeErrorCode.Unknown,
        "failed to pull and unpack image \"registry.example.com/team/app:1.0\": failed to resolve reference \"registry.example.com/team/app:1.0\": failed to do request: Head \"https://registry.example.com/v2/team/app/manifests/1.0\": dial tcp: lookup registry.example.com: no such host")]
    [InlineData("NGINX::bad", RuntimeErrorCode.Unknown, "failed to parse image reference \"NGINX::bad\": invalid reference format")]
    public async Task ImagesTheCatalogLacksFailAsTheRegistryWouldAnswer(string reference, RuntimeErrorCode code, string message)
    {
        using var node = new RuntimeHarness();

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => node.Runtime.PullImageAsync(reference, RuntimeHarness.Token));

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Description);
        Assert.Equal($"rpc error: code = {code} desc = {message}", error.Message);
    }

    [Fact]
    public async Task APullTakesTheCatalogsPullTimeOnTheClock()
    {
        using var node = new RuntimeHarness();
        var pull = node.Runtime.PullImageAsync("nginx:1.27", RuntimeHarness.Token);

        node.Advance(3.3);
        Assert.False(pull.IsCompleted);
        Assert.Null(await node.Runtime.ImageStatusAsync("nginx:1.27", RuntimeHarness.Token));

        node.Advance(0.1);
        var id = await pull;
        var image = await node.Runtime.ImageStatusAsync("docker.io/library/nginx:1.27", RuntimeHarness.Token);
        Assert.Equal(id, image?.Id);
        Assert.Equal(72_100_000, image?.SizeBytes);
    }

    [Fact]
    public async Task ACancelledPullLeavesNoImageBehind()
    {
        using var node = new RuntimeHarness();
        using var cancel = new CancellationTokenSource();
        var pull = node.Runtime.PullImageAsync("nginx:1.27", cancel.Token);

        node.Advance(1);
        await cancel.CancelAsync();
        node.Advance(5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        Assert.Null(await node.Runtime.ImageStatusAsync("nginx:1.27", RuntimeHarness.Token));
    }

    [Theory]
    [InlineData("catalog.yaml", "images:\n  - repository: docker.io/acme/shop\n    tags: '1\\.[0-3]'\n    cmd: [shop]\n    pullSeconds: 0\nprograms:\n  - name: shop\n    listen: [{port: 8080, routes: {/healthz: 200}}]\n")]
    [InlineData("catalog.json", "{\"images\": [{\"repository\": \"docker.io/acme/shop\", \"tags\": \"1\\\\.[0-3]\", \"cmd\": [\"shop\"]}], \"programs\": [{\"name\": \"shop\", \"listen\": [{\"port\": 8080, \"routes\": {\"/healthz\": 200}}]}]}")]
    public async Task UsersAddImagesAndProgramsWithACatalogFileInYamlOrJson(string fileName, string content)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, fileName);
        await File.WriteAllTextAsync(path, content, RuntimeHarness.Token);
        using var node = new RuntimeHarness(new SimulatedRuntimeOptions { Catalog = ImageCatalog.BuiltIn.WithFile(path) });

        var id = await node.RunAsync("acme/shop:1.2");

        var status = await node.StatusAsync(id);
        var sandbox = await node.Runtime.PodSandboxStatusAsync(status.PodSandboxId, RuntimeHarness.Token);
        var health = await node.Runtime.HttpGetAsync(sandbox.Ip, 8080, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        Assert.Equal(ContainerState.Running, status.State);
        Assert.Equal(200, health.StatusCode);
        await Assert.ThrowsAsync<ContainerRuntimeException>(() => node.Runtime.PullImageAsync("acme/shop:2.0", RuntimeHarness.Token));
    }

    [Theory]
    [InlineData("images: [", "image catalog bad.yaml: line")]
    [InlineData("images:\n  - repository: nginx\n", "image catalog bad.yaml: repository \"nginx\" must be a normalised name")]
    [InlineData("images:\n  - repository: docker.io/acme/app\n    tags: '1\\.(0'\n", "image catalog bad.yaml: tags of docker.io/acme/app:")]
    [InlineData("programs:\n  - name: /bin/app\n", "image catalog bad.yaml: program name \"/bin/app\" must be a file name")]
    [InlineData("images:\n  - repository: docker.io/acme/app\n    unknownField: 1\n", "image catalog bad.yaml: line 3")]
    [InlineData("images:\n  - repository: docker.io/acme/app\n    unknownField: 1\n", "image catalog bad.yaml: line 3: unknown field \"unknownField\" in an image")]
    [InlineData("images:\n  - repository: docker.io/acme/app\n    sizeBytes: big\n", "image catalog bad.yaml: line 3: \"big\" is not a number")]
    [InlineData("programs:\n  - name: app\n    execArgs: maybe\n", "image catalog bad.yaml: line 3: \"maybe\" is not true or false")]
    [InlineData("programs:\n  - name: app\n    listen: [{port: 80, routes: [/]}]\n", "image catalog bad.yaml: line 3: expected a mapping")]
    [InlineData("images: {repository: docker.io/acme/app}\n", "image catalog bad.yaml: line 1: expected a list")]
    [InlineData("- images\n", "image catalog bad.yaml: line 1: a catalog must be a mapping of fields")]
    public void AMalformedCatalogIsRejectedWithAMessageNamingTheFileAndProblem(string content, string messageStart)
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageCatalog.FromText(content, "bad.yaml"));

        Assert.StartsWith(messageStart, error.Message);
    }

    [Fact]
    public void EmptyKeysInACatalogFileMeanTheirDefaults()
    {
        var catalog = ImageCatalog.FromText("images:\n  - repository: docker.io/acme/app\n    cmd:\n    env:\nprograms:\n", "empty.yaml");

        var image = Assert.Single(catalog.Images);
        Assert.Equal((0, 0, "latest"), (image.Cmd.Count, image.Env.Count, image.Tags));
        Assert.Empty(catalog.Programs);
    }

    [Fact]
    public void AMissingCatalogFileIsRejectedWithItsPath()
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageCatalog.BuiltIn.WithFile("/nonexistent/catalog.yaml"));

        Assert.StartsWith("image catalog /nonexistent/catalog.yaml: ", error.Message);
    }
}
