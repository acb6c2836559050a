using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace PodLife.ApiServer.Hosting;

/// <summary>Writes the kubeconfig that points kubectl at this server, and merges its context into another kubeconfig.</summary>
public static class Kubeconfig
{
    public const string Name = "podlife";

    public static K8SConfiguration Build(string server, string caPem, string token) => new()
    {
        ApiVersion = "v1",
        Kind = "Config",
        CurrentContext = Name,
        Clusters = [new Cluster { Name = Name, ClusterEndpoint = new ClusterEndpoint { Server = server, CertificateAuthorityData = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem)) } }],
        Users = [new User { Name = Name, UserCredentials = new UserCredentials { Token = token } }],
        Contexts = [new Context { Name = Name, ContextDetails = new ContextDetails { Cluster = Name, User = Name, Namespace = "default" } }],
        Preferences = new Dictionary<string, object>(),
    };

    public static void Write(string path, K8SConfiguration config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, KubernetesYaml.Serialize(config));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Adds (or replaces) the podlife cluster, user and context in <paramref name="path"/> and makes it current.</summary>
    public static void Merge(string path, K8SConfiguration ours)
    {
        var target = File.Exists(path) ? KubernetesYaml.Deserialize<K8SConfiguration>(File.ReadAllText(path)) : new K8SConfiguration { ApiVersion = "v1", Kind = "Config" };
        target.Clusters = [.. (target.Clusters ?? []).Where(c => c.Name != Name), .. ours.Clusters];
        target.Users = [.. (target.Users ?? []).Where(u => u.Name != Name), .. ours.Users];
        target.Contexts = [.. (target.Contexts ?? []).Where(c => c.Name != Name), .. ours.Contexts];
        target.CurrentContext = Name;
        Write(path, target);
    }
}
