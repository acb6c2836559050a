using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PodLife.ApiServer.Security;

/// <summary>
/// Bearer tokens in the format of kube-apiserver's --token-auth-file (one `token,user,uid,"group1,group2"` a line),
/// kept in the data directory. The file gets an admin token on first start; node tokens are added on request.
/// </summary>
public sealed class TokenFile
{
    readonly string _path;
    readonly ConcurrentDictionary<string, UserInfo> _users = new(StringComparer.Ordinal);
    readonly Lock _writeLock = new();

    TokenFile(string path) => _path = path;

    public string AdminToken { get; private set; } = "";

    public const string AdminUser = "admin";

    public static TokenFile LoadOrCreate(string path)
    {
        var file = new TokenFile(path);
        if (File.Exists(path))
            foreach (var line in File.ReadAllLines(path)) file.AddLine(line);
        if (file.AdminToken.Length == 0) file.Append(NewToken(), AdminUser, "system:masters");
        return file;
    }

    public UserInfo? Authenticate(string token) => _users.GetValueOrDefault(token);

    /// <summary>The token of node <paramref name="nodeName"/> (user system:node:NAME, group system:nodes), created if needed.</summary>
    public string NodeToken(string nodeName)
    {
        var user = UserInfo.NodePrefix + nodeName;
        lock (_writeLock)
        {
            var existing = _users.FirstOrDefault(p => p.Value.Name == user).Key;
            if (existing is not null) return existing;
            var token = NewToken();
            Append(token, user, "system:nodes");
            return token;
        }
    }

    void Append(string token, string user, string group)
    {
        var line = $"{token},{user},{user},\"{group}\"";
        lock (_writeLock) PrivateFile.Append(_path, line + Environment.NewLine);
        AddLine(line);
    }

    void AddLine(string line)
    {
        var parts = line.Split(',', 4);
        if (parts.Length < 2 || parts[0].Trim().Length == 0) return;
        var groups = parts.Length == 4 ? parts[3].Trim().Trim('"').Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var user = new UserInfo(parts[1].Trim(), groups);
        _users[parts[0].Trim()] = user;
        if (user.Name == AdminUser && AdminToken.Length == 0) AdminToken = parts[0].Trim();
    }

    static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
