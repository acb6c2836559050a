using System.Text.Json;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>The field of a watch's selector by which the fan-out routes changes to it: none, metadata.name or spec.nodeName.</summary>
public enum PinnedField { None, Name, NodeName }

/// <summary>
/// Which changes can match a watch, as kube-apiserver's watch cache decides it with its "triggers": a watch whose field
/// selector pins spec.nodeName (pods) or metadata.name can only match a change whose new or previous object has that
/// value, so only those changes are handed to it. <see cref="DecidesMatch"/> says the pinned value is the whole selector,
/// so a routed change is matched without decoding it.
/// </summary>
public readonly record struct WatchRoute(PinnedField Field, string Value, bool DecidesMatch)
{
    public static readonly WatchRoute Everything = new(PinnedField.None, "", false);

    public const string NodeNameField = "spec.nodeName";

    /// <summary>Pods are indexed by spec.nodeName (pkg/registry/core/pod/storage: NodeNameTriggerFunc), in their stored form.</summary>
    public static bool IndexesNodeName(ResourceDefinition def) => def is { Group: "", Resource: "pods", View: null };

    /// <summary>The route of a watch: spec.nodeName where the kind is indexed by it and the selector pins it, else metadata.name.</summary>
    public static WatchRoute Of(ResourceDefinition def, ListRequest request)
    {
        var noLabels = ReferenceEquals(request.Labels, LabelSelector.Everything);
        if (IndexesNodeName(def) && request.Fields.PinnedValue(NodeNameField) is { } node)
            return new(PinnedField.NodeName, node, noLabels && request.Fields.IsOnly(NodeNameField));
        if (request.Fields.PinnedValue("metadata.name") is { } name)
            return new(PinnedField.Name, name, noLabels && request.Fields.IsOnly("metadata.name"));
        return Everything;
    }

    /// <summary>Whether a stored object matches the selector, read from its key and bytes (only when <see cref="DecidesMatch"/>).</summary>
    public bool Matches(KeyValue kv) => Matches(NameOf(kv.Key), Field == PinnedField.NodeName ? NodeNameOf(kv) : null);

    /// <summary>Whether the object of a change, with this name and node name, matches the selector (only when <see cref="DecidesMatch"/>).</summary>
    public bool Matches(string name, string? nodeName) => Field switch
    {
        PinnedField.Name => name == Value,
        PinnedField.NodeName => nodeName == Value,
        _ => true,
    };

    /// <summary>The name of the object stored under <paramref name="key"/> (its last segment).</summary>
    public static string NameOf(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>
    /// spec.nodeName of a stored pod as a field selector sees it ("" when absent), read from its bytes: the fan-out
    /// routes every pod change by it without building the object.
    /// </summary>
    public static string NodeNameOf(KeyValue kv)
    {
        var reader = new Utf8JsonReader(kv.Value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSpec = reader.ValueTextEquals("spec"u8);
            reader.Read();
            if (!isSpec || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isNodeName = reader.ValueTextEquals("nodeName"u8);
                reader.Read();
                if (isNodeName) return reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
                reader.Skip();
            }
            return "";
        }
        return "";
    }
}
