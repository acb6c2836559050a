using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PodLife.ApiServer.Hosting;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model, field by field from the YAML tree. KubernetesClient's own
/// reader (KubernetesYaml) orders properties by their metadata tokens, which a native (ahead-of-time compiled)
/// `podlife` does not have, so it cannot load a kubeconfig at all there.
/// </summary>
public static class KubeconfigReader
{
    /// <summary>The kubeconfig at <paramref name="path"/>; relative file names in it are relative to its directory, as kubectl reads them.</summary>
    /// <exception cref="KubeConfigException">The file is not a kubeconfig (not YAML, or not a mapping at the top).</exception>
    public static K8SConfiguration Read(string path)
    {
        var config = Parse(File.ReadAllText(path), path);
        config.FileName = Path.GetFullPath(path);
        return config;
    }

    /// <summary>The kubeconfig in <paramref name="yaml"/>; <paramref name="source"/> names it in errors.</summary>
    public static K8SConfiguration Parse(string yaml, string source)
    {
        var root = Root(yaml, source);
        return new K8SConfiguration
        {
            ApiVersion = Text(root, "apiVersion"),
            Kind = Text(root, "kind"),
            CurrentContext = Text(root, "current-context"),
            // Preferences are read only by kubectl (colors); kept as text, they do not change what a client connects to.
            Preferences = Strings(Child(root, "preferences"))?.ToDictionary(kv => kv.Key, object (kv) => kv.Value),
            Clusters = Named(root, "clusters", "cluster", (name, c) => new Cluster { Name = name, ClusterEndpoint = c is null ? null : Endpoint(c) }),
            Users = Named(root, "users", "user", (name, u) => new User { Name = name, UserCredentials = u is null ? null : Credentials(u) }),
            Contexts = Named(root, "contexts", "context", (name, c) => new Context { Name = name, ContextDetails = c is null ? null : Details(c) }),
        };
    }

    /// <summary>The top-level mapping of a kubeconfig document (an empty one for an empty file).</summary>
    internal static YamlMappingNode Root(string yaml, string source)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new KubeConfigException($"kubeconfig {source}: line {e.Start.Line}: {e.Message}"); }
        if (stream.Documents.Count == 0) return [];
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new KubeConfigException($"kubeconfig {source}: not a mapping of clusters, users and contexts");
    }

    static ClusterEndpoint Endpoint(YamlMappingNode c) => new()
    {
        Server = Text(c, "server"),
        CertificateAuthority = Text(c, "certificate-authority"),
        CertificateAuthorityData = Text(c, "certificate-authority-data"),
        SkipTlsVerify = Text(c, "insecure-skip-tls-verify") is { } skip && bool.TryParse(skip, out var b) && b,
        TlsServerName = Text(c, "tls-server-name"),
    };

    static UserCredentials Credentials(YamlMappingNode u) => new()
    {
        ClientCertificate = Text(u, "client-certificate"),
        ClientCertificateData = Text(u, "client-certificate-data"),
        ClientKey = Text(u, "client-key"),
        ClientKeyData = Text(u, "client-key-data"),
        Token = Text(u, "token"),
        Impersonate = Text(u, "as"),
        ImpersonateGroups = Texts(u, "as-groups") ?? [],
        ImpersonateUserExtra = Strings(Child(u, "as-user-extra")) ?? [],
        UserName = Text(u, "username"),
        Password = Text(u, "password"),
        AuthProvider = Child(u, "auth-provider") is YamlMappingNode a
            ? new AuthProvider { Name = Text(a, "name"), Config = Strings(Child(a, "config")) ?? [] }
            : null,
        ExternalExecution = Child(u, "exec") is YamlMappingNode e ? Exec(e) : null,
    };

    static ExternalExecution Exec(YamlMappingNode e) => new()
    {
        ApiVersion = Text(e, "apiVersion"),
        Command = Text(e, "command"),
        Arguments = Texts(e, "args"),
        EnvironmentVariables = Child(e, "env") is YamlSequenceNode env
            ? [.. env.Children.OfType<YamlMappingNode>().Select(v => Strings(v) ?? [])]
            : null,
        InstallHint = Text(e, "installHint"),
        ProvideClusterInfo = Text(e, "provideClusterInfo") is { } provide && bool.TryParse(provide, out var p) && p,
    };

    static ContextDetails Details(YamlMappingNode c) => new()
    {
        Cluster = Text(c, "cluster"),
        User = Text(c, "user"),
        Namespace = Text(c, "namespace"),
    };

    /// <summary>A list of {name, <paramref name="inner"/>: {…}} entries, as kubeconfig keeps clusters, users and contexts.</summary>
    static List<T> Named<T>(YamlMappingNode root, string list, string inner, Func<string?, YamlMappingNode?, T> make) =>
        Child(root, list) is YamlSequenceNode entries
            ? [.. entries.Children.OfType<YamlMappingNode>().Select(e => make(Text(e, "name"), Child(e, inner) as YamlMappingNode))]
            : [];

    static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    // A scalar as written: kubeconfig's values are all strings to the client (a token of digits stays a token).
    static string? Text(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { } value } s && !Http.YamlJson.IsNull(s) ? value : null;

    static List<string>? Texts(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode items ? [.. items.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")] : null;

    static Dictionary<string, string>? Strings(YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.Where(kv => kv.Key is YamlScalarNode && kv.Value is YamlScalarNode)
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ((YamlScalarNode)kv.Value).Value ?? "")
            : null;
}
