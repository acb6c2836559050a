using System.Reflection;
using System.Xml;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The descriptions of k8s.Models types and fields, read from the KubernetesClient package's XML doc file
/// (beside the assembly, or in the NuGet cache); empty when neither is there.
/// </summary>
sealed class XmlDocDescriptions
{
    readonly Dictionary<string, string> _summaries;

    XmlDocDescriptions(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocDescriptions Load(Assembly assembly)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(assembly) is not { } path) return new(summaries);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || !(name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) ||
                                  name.StartsWith("P:k8s.Models.", StringComparison.Ordinal))) continue;
            using var member = reader.ReadSubtree();
            if (member.ReadToFollowing("summary")) summaries[name] = Normalize(member.ReadElementContentAsString());
        }
        return new(summaries);
    }

    public string? OfType(Type type) => _summaries.GetValueOrDefault($"T:{type.FullName}");

    public string? OfProperty(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}");

    /// <summary>The doc file wraps Kubernetes' text at ~80 columns: rejoin lines, keep blank lines as paragraph breaks.</summary>
    static string Normalize(string text)
    {
        var paragraphs = text.Replace("\r", "").Split('\n').Select(l => l.Trim())
            .Aggregate(new List<List<string>> { new() }, (acc, line) =>
            {
                if (line.Length == 0) acc.Add([]);
                else acc[^1].Add(line);
                return acc;
            });
        return string.Join("\n\n", paragraphs.Where(p => p.Count > 0).Select(p => string.Join(' ', p)));
    }

    static string? Find(Assembly assembly)
    {
        var beside = Path.ChangeExtension(assembly.Location, ".xml");
        if (File.Exists(beside)) return beside;
        var name = assembly.GetName();
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? name.Version?.ToString(3);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var lib = Path.Combine(cache, name.Name!.ToLowerInvariant(), version ?? "", "lib");
        if (!Directory.Exists(lib)) return null;
        return Directory.GetDirectories(lib).OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, name.Name + ".xml")).FirstOrDefault(File.Exists);
    }
}
