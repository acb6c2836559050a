using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>The catalog's regular expressions, compiled once each (Regex's own cache holds only 15).</summary>
internal static class Patterns
{
    static readonly ConcurrentDictionary<string, Regex> Compiled = new();

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> somewhere.</summary>
    public static bool IsMatch(string pattern, string text) =>
        Compiled.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(text);
}
