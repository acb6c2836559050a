namespace PodLife.Node.Cri.Setup;

/// <summary>
/// Builds the small images PodLife's real nodes run (no public registry is reachable) from Debian's static busybox
/// with umoci, and pushes them to the local registry with skopeo: <c>busybox</c> (shell tools), <c>nginx</c> (busybox
/// httpd serving /usr/share/nginx/html on port 80) and the <c>pause</c> sandbox image.
/// </summary>
public static class LocalImages
{
    /// <summary>The sandbox image containerd is configured with.</summary>
    public const string Pause = "registry.k8s.io/pause:3.10";

    static readonly string[] Tools =
    [
        "sh", "echo", "sleep", "cat", "ls", "head", "tail", "tr", "dd", "ps", "id", "hostname", "env", "true", "false",
        "wc", "grep", "ip", "touch", "rm", "mkdir", "date", "kill", "wget", "nc", "httpd", "printf", "test", "[", "seq",
    ];

    /// <summary>Builds and pushes the images unless the registry has them already (its storage survives restarts).</summary>
    public static async Task EnsureAsync(string registry, string workDirectory, CancellationToken ct = default)
    {
        var marker = Path.Combine(workDirectory, "images-pushed");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker, ct).ConfigureAwait(false) == registry) return;
        var layout = Path.Combine(workDirectory, "oci");
        var bundle = Path.Combine(workDirectory, "bundle");
        foreach (var d in new[] { layout, bundle }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        await Umoci(ct, "init", "--layout", layout).ConfigureAwait(false);
        await Umoci(ct, "new", "--image", $"{layout}:base").ConfigureAwait(false);
        await Umoci(ct, "unpack", "--image", $"{layout}:base", bundle).ConfigureAwait(false);
        WriteRootfs(Path.Combine(bundle, "rootfs"));
        await Umoci(ct, "repack", "--image", $"{layout}:base", bundle).ConfigureAwait(false);
        await Umoci(ct, "config", "--image", $"{layout}:base", "--config.env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--config.cmd", "sh", "--config.workingdir", "/").ConfigureAwait(false);
        await Umoci(ct, "config", "--image", $"{layout}:base", "--tag", "pause", "--config.cmd", "sleep", "--config.cmd", "2147483647").ConfigureAwait(false);
        await Umoci(ct, "config", "--image", $"{layout}:base", "--tag", "nginx", "--config.cmd", "httpd", "--config.cmd", "-f",
            "--config.cmd", "-p", "--config.cmd", "80", "--config.cmd", "-h", "--config.cmd", "/usr/share/nginx/html").ConfigureAwait(false);
        foreach (var (tag, name) in new[]
        {
            ("base", "library/busybox:latest"), ("base", "library/busybox:1.36"), ("nginx", "library/nginx:latest"),
            ("nginx", "library/nginx:1.27"), ("pause", "pause:3.10"),
        })
        {
            await ProcessRun.RunAsync("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{registry}/{name}"], ct).ConfigureAwait(false);
        }
        Directory.Delete(bundle, recursive: true);
        await File.WriteAllTextAsync(marker, registry, ct).ConfigureAwait(false);
    }

    static void WriteRootfs(string rootfs)
    {
        foreach (var d in new[] { "bin", "etc", "tmp", "proc", "sys", "dev", "root", "usr/share/nginx/html" }) Directory.CreateDirectory(Path.Combine(rootfs, d));
        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"), overwrite: true);
        foreach (var tool in Tools) File.CreateSymbolicLink(Path.Combine(rootfs, "bin", tool), "busybox");
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nnobody:x:65534:\n");
        File.WriteAllText(Path.Combine(rootfs, "usr/share/nginx/html", "index.html"), "<h1>Welcome to nginx!</h1>\n");
    }

    static Task<string> Umoci(CancellationToken ct, params string[] args) => ProcessRun.RunAsync("umoci", args, ct);
}
