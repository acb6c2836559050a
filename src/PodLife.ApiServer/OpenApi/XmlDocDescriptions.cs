using System.Reflection;
using System.Net;
using System.Text.RegularExpressions;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The descriptions of k8s.Models types and fields, read from the KubernetesClient package's XML doc file
/// (beside the assembly, or in the NuGet cache); empty when neither is there.
/// </summary>
sealed partial class XmlDocDescriptions
{
    readonly Dictionary<string, string> _summaries;

    XmlDocDescriptions(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocDescriptions Load(Assembly assembly)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(assembly) is not { } path) return new(summaries);
        // A plain text scan, not an XML reader: the file is 25 MB, mostly method docs this does not need, and
        // the generator writes every member as <member name="..."> followed by its <summary>.
        var text = File.ReadAllText(path);
        const string open = "<member name=\"";
        for (var i = text.IndexOf(open, StringComparison.Ordinal); i >= 0; i = text.IndexOf(open, i, StringComparison.Ordinal))
        {
            i += open.Length;
            if (string.CompareOrdinal(text, i, "T:k8s.Models.", 0, 13) != 0 && string.CompareOrdinal(text, i, "P:k8s.Models.", 0, 13) != 0) continue;
            var nameEnd = text.IndexOf('"', i);
            var memberEnd = text.IndexOf("</member>", i, StringComparison.Ordinal);
            var start = text.IndexOf("<summary>", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf("</summary>", start, StringComparison.Ordinal);
            if (nameEnd < 0 || memberEnd < 0 || start < 0 || end < 0 || end > memberEnd) continue;
            summaries[text[i..nameEnd]] = Normalize(WebUtility.HtmlDecode(Tag().Replace(text[(start + 9)..end], "")));
        }
        return new(summaries);
    }

    // PodLife's own kinds carry their descriptions as [Description] attributes instead of a doc file.
    public string? OfType(Type type) =>
        _summaries.GetValueOrDefault($"T:{type.FullName}") ?? type.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description;

    public string? OfProperty(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}")
        ?? property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description;

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
        // Beside the program, where the publish copies it (a native binary's assemblies have no file of their own to
        // look beside), else in the NuGet cache (a test run from bin/).
        var name = assembly.GetName();
        var beside = Path.Combine(AppContext.BaseDirectory, name.Name + ".xml");
        if (File.Exists(beside)) return beside;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? name.Version?.ToString(3);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var lib = Path.Combine(cache, name.Name!.ToLowerInvariant(), version ?? "", "lib");
        if (!Directory.Exists(lib)) return null;
        return Directory.GetDirectories(lib).OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, name.Name + ".xml")).FirstOrDefault(File.Exists);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
