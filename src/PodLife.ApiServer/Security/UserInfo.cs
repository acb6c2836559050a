namespace PodLife.ApiServer.Security;

/// <summary>Who a request comes from: the admin, or a node agent with the node-scoped identity system:node:NAME.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string NodePrefix = "system:node:";

    /// <summary>The node's name for node identities, else null.</summary>
    public string? NodeName => Name.StartsWith(NodePrefix, StringComparison.Ordinal) ? Name[NodePrefix.Length..] : null;
}
