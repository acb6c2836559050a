using System.Text;

namespace PodLife.Node.Runtime;

/// <summary>A pod's resolver configuration (CRI DNSConfig), as /etc/resolv.conf holds it.</summary>
public sealed record PodDnsConfig(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options)
{
    /// <summary>The file containerd writes from it: search, nameserver and options lines, each only when it has values.</summary>
    public string ResolvConf()
    {
        var text = new StringBuilder();
        if (Searches.Count > 0) text.Append("search ").AppendJoin(' ', Searches).Append('\n');
        foreach (var server in Servers) text.Append("nameserver ").Append(server).Append('\n');
        if (Options.Count > 0) text.Append("options ").AppendJoin(' ', Options).Append('\n');
        return text.ToString();
    }
}
