namespace PodLife.ApiServer.Registry;

/// <summary>One served resource: its names in discovery, its model type and the rules that apply to it.</summary>
/// <param name="StorageResource">The store prefix; two API views of one kind (events) share it.</param>
public sealed record ResourceDefinition(
    string Group, string Version, string Resource, string Singular, string Kind, bool Namespaced,
    ObjectCodec Codec, ResourceStrategy Strategy)
{
    public string[] ShortNames { get; init; } = [];
    public string[] Categories { get; init; } = [];
    public string[] Subresources { get; init; } = [];
    public string StorageResource { get; init; } = Resource;
    /// <summary>Converts between the stored form and this view's form, when they differ.</summary>
    public IObjectView? View { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The verbs served; any other is 405 MethodNotAllowed (read-only kinds serve get, list and watch).</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public string KeyPrefix(string ns) =>
        Namespaced && ns.Length > 0 ? $"/registry/{StorageResource}/{ns}/" : $"/registry/{StorageResource}/";

    public string Key(string ns, string name) => Namespaced ? $"/registry/{StorageResource}/{ns}/{name}" : $"/registry/{StorageResource}/{name}";
}
