using k8s;
using k8s.Exceptions;
using PodLife.ApiServer.Hosting;

namespace PodLife.Cli.Explain;

/// <summary>Finds and reads the kubeconfig like kubectl: --kubeconfig, else the first existing file in KUBECONFIG, else ~/.kube/config.</summary>
public static class KubeconfigLoader
{
    public static KubernetesClientConfiguration Load(string? explicitPath, string? context)
    {
        var paths = explicitPath is not null
            ? [explicitPath]
            : Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env
                ? env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                : [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        var files = paths.Select(p => new FileInfo(p)).ToArray();
        // kubectl skips missing files in KUBECONFIG but fails on a missing --kubeconfig.
        var existing = explicitPath is not null ? files : files.Where(f => f.Exists).ToArray();
        if (existing.Length == 0 || existing.Any(f => !f.Exists))
            throw new KubeConfigException($"kubeconfig {string.Join(", ", paths)} not found (set --kubeconfig or KUBECONFIG)");
        // kubectl would merge every KUBECONFIG entry; we take the first.
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(existing[0].FullName), context);
    }
}
