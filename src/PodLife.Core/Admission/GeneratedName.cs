namespace PodLife.Core.Admission;

/// <summary>Names made from a generateName prefix, as k8s.io/apiserver's SimpleNameGenerator makes them.</summary>
public static class GeneratedName
{
    /// <summary>The characters of random suffixes (k8s.io/apimachinery/pkg/util/rand): no vowels, no confusable digits.</summary>
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    public const int SuffixLength = 5;
    const int MaxPrefixLength = 63 - SuffixLength;

    /// <summary>A random 5-character suffix, for generateName and the kube-api-access volume.</summary>
    public static string RandomSuffix(Random random) =>
        string.Create(SuffixLength, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[r.Next(Alphabet.Length)];
        });

    /// <summary>The prefix, cut to 58 characters, followed by the suffix.</summary>
    public static string From(string prefix, string suffix) =>
        (prefix.Length > MaxPrefixLength ? prefix[..MaxPrefixLength] : prefix) + suffix;
}
