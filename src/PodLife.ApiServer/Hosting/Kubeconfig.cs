using System.Text;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace PodLife.ApiServer.Hosting;

/// <summary>Writes the kubeconfig that points kubectl at this server, and merges its context into another kubeconfig.</summary>
public static partial class Kubeconfig
{
    public const string Name = "podlife";

    public static K8SConfiguration Build(string server, string caPem, string token) => new()
    {
        ApiVersion = "v1",
        Kind = "Config",
        CurrentContext = Name,
        Clusters = [new Cluster { Name = Name, ClusterEndpoint = new ClusterEndpoint { Server = server, CertificateAuthorityData = Base64(caPem) } }],
        Users = [new User { Name = Name, UserCredentials = new UserCredentials { Token = token } }],
        Contexts = [new Context { Name = Name, ContextDetails = new ContextDetails { Cluster = Name, User = Name, Namespace = "default" } }],
        Preferences = new Dictionary<string, object>(),
    };

    /// <summary>Writes the kubeconfig of <see cref="Build"/> with <see cref="Yaml"/>, without the YAML serializer.</summary>
    public static void Write(string path, string server, string caPem, string token) => WriteText(path, Yaml(server, caPem, token));

    /// <summary>
    /// The document of <see cref="Build"/> as YAML text. Written by hand because it is on `podlife up`'s start path:
    /// KubernetesYaml reflects over the client's model types on first use, which cost more CPU than the rest of writing
    /// the file.
    /// </summary>
    public static string Yaml(string server, string caPem, string token)
    {
        return $$"""
            apiVersion: v1
            kind: Config
            current-context: {{Name}}
            preferences: {}
            clusters:
            - name: {{Name}}
              cluster:
                server: {{Scalar(server)}}
                certificate-authority-data: {{Base64(caPem)}}
            users:
            - name: {{Name}}
              user:
                token: {{Scalar(token)}}
            contexts:
            - name: {{Name}}
              context:
                cluster: {{Name}}
                user: {{Name}}
                namespace: default

            """;
    }

    // Plain, as KubernetesYaml writes them (and as scripts that grep "server:" expect), when YAML reads the text back as
    // the same string: a URL or a hex token. Anything else is double-quoted, with JSON's escapes, which are YAML's.
    static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && value.Any(char.IsAsciiLetter)
            && value.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null")
            ? value
            : $"\"{System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value)}\"";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9+/=_.:\[\]-]*$")]
    private static partial System.Text.RegularExpressions.Regex PlainScalar();

    static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    // Whole and private (PrivateFile): kubectl, or a script polling for the file, never reads half a kubeconfig.
    static void WriteText(string path, string text) => Security.PrivateFile.Write(path, text);

    /// <summary>
    /// Adds (or replaces) the podlife cluster, user and context of <see cref="Yaml"/> in <paramref name="path"/> and makes it
    /// current. Edits the YAML tree, so whatever else the file holds stays as it was (other entries, fields this code
    /// does not know); comments are not kept.
    /// </summary>
    public static void Merge(string path, string server, string caPem, string token)
    {
        var ours = KubeconfigReader.Root(Yaml(server, caPem, token), Name);
        var target = File.Exists(path) ? KubeconfigReader.Root(File.ReadAllText(path), path) : new YamlMappingNode();
        if (target.Children.Count == 0)
        {
            target.Add("apiVersion", "v1");
            target.Add("kind", "Config");
        }
        foreach (var list in (string[])["clusters", "users", "contexts"])
        {
            var others = target.Children.TryGetValue(list, out var existing) && existing is YamlSequenceNode entries
                ? entries.Children.Where(e => !IsOurs(e))
                : [];
            target.Children[list] = new YamlSequenceNode([.. others, .. ((YamlSequenceNode)ours.Children[list]).Children]);
        }
        target.Children["current-context"] = Name;
        var text = new StringWriter();
        new YamlStream(new YamlDocument(target)).Save(text, assignAnchors: false);
        WriteText(path, text.ToString());
    }

    static bool IsOurs(YamlNode entry) =>
        entry is YamlMappingNode map && map.Children.TryGetValue("name", out var name) && name is YamlScalarNode { Value: Name };
}
