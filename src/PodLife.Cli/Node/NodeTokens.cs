namespace PodLife.Cli.Node;

/// <summary>
/// The credentials `podlife node --token-file F` reads: a file in kube-apiserver's --token-auth-file format
/// (`token,user,uid,"group1,group2"` a line, such as the server's DIR/tokens.csv), or a file holding one bare token.
/// Node NAME uses the token of user system:node:NAME when there is one, else the file's admin token.
/// </summary>
public sealed class NodeTokens
{
    const string NodePrefix = "system:node:";
    readonly Dictionary<string, string> _byUser = new(StringComparer.Ordinal);
    string? _admin;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds no token.</exception>
    public static NodeTokens Read(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var tokens = new NodeTokens();
        if (lines.Count == 1 && !lines[0].Contains(',', StringComparison.Ordinal))
        {
            tokens._admin = lines[0];
            return tokens;
        }
        foreach (var line in lines)
        {
            var parts = line.Split(',', 4);
            if (parts.Length < 2 || parts[0].Trim().Length == 0) continue;
            var (token, user) = (parts[0].Trim(), parts[1].Trim());
            tokens._byUser.TryAdd(user, token);
            var groups = parts.Length == 4 ? parts[3].Trim().Trim('"').Split(',', StringSplitOptions.TrimEntries) : [];
            if (groups.Contains("system:masters")) tokens._admin ??= token;
        }
        if (tokens._byUser.Count == 0) throw new InvalidDataException($"{path} holds no token (expected token,user,uid,\"groups\" lines or one token)");
        return tokens;
    }

    /// <summary>The token node <paramref name="nodeName"/> sends, or null when the file has none it may use.</summary>
    public string? For(string nodeName) => _byUser.GetValueOrDefault(NodePrefix + nodeName) ?? _admin;

    /// <summary>True for the file's admin token: the API server's credential when it calls a node's kubelet endpoint.</summary>
    public bool IsAdmin(string token) => _admin is not null && token == _admin;
}
