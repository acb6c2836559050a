using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// Builds OpenAPI schemas for k8s.Models types by reflection over their [JsonPropertyName] properties, with
/// Kubernetes' names, descriptions, required fields, group-version-kinds and patch/list extensions.
/// </summary>
sealed class SchemaGenerator(OpenApiFlavor flavor, XmlDocDescriptions docs)
{
    readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);
    readonly Dictionary<Type, string> _names = [];

    static readonly HashSet<(Type, string)> MicroTimes = [.. Registry.EncodedForm.MicroTimeFields, .. History.PodTimelineSchema.MicroTimes];

    public IReadOnlyDictionary<string, JsonObject> Schemas => _schemas;

    public string RefPrefix => flavor == OpenApiFlavor.V2 ? "#/definitions/" : "#/components/schemas/";

    /// <summary>Adds the schema of <paramref name="type"/> and all it references; returns its definition name.</summary>
    public string Add(Type type, string package)
    {
        if (_names.TryGetValue(type, out var known)) return known;
        var name = SchemaNames.Of(type, package);
        _names[type] = name;
        var schema = new JsonObject();
        _schemas[name] = schema; // before the fields, so that a type reaching itself ends the recursion
        var ownPackage = name[..name.LastIndexOf('.')];
        if (docs.OfType(type) is { } description) schema["description"] = description;
        var properties = new JsonObject();
        foreach (var (jsonName, property) in ModelFields.Of(type).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            properties[jsonName] = Field(type, jsonName, property, ownPackage);
        }
        if (properties.Count > 0) schema["properties"] = properties;
        if (RequiredFields.Of(type) is { Count: > 0 } required) schema["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
        schema["type"] = "object";
        if (GroupVersionKind.Of(type) is { Count: > 0 } gvks)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray([.. gvks.Select(g => g.ToJson())]);
        }
        return name;
    }

    /// <summary>A reference to a named schema: <c>$ref</c> in Swagger 2.0, a one-element <c>allOf</c> in OpenAPI 3 (as Kubernetes writes it, so that a description can sit beside it).</summary>
    public JsonObject Ref(string name) => flavor == OpenApiFlavor.V2
        ? new JsonObject { ["$ref"] = RefPrefix + name }
        : new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = RefPrefix + name }) };

    /// <summary>A plain <c>$ref</c>, for places (responses, request bodies) where no description goes.</summary>
    public JsonObject PlainRef(string name) => new() { ["$ref"] = RefPrefix + name };

    JsonObject Field(Type owner, string jsonName, PropertyInfo property, string package)
    {
        var schema = MicroTimes.Contains((owner, jsonName)) ? Ref(AddSpecial(SchemaNames.MicroTime))
            : jsonName == "fieldsV1" ? Ref(AddSpecial(SchemaNames.FieldsV1))
            : Value(property.PropertyType, package);
        if (docs.OfProperty(property) is { } description) schema["description"] = description;
        if (EnumValues.Of(owner, jsonName) is { } values) schema["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        if (KubernetesFieldMetadata.For(owner, jsonName) is { } metadata)
        {
            if (metadata.ListType is { } listType) schema["x-kubernetes-list-type"] = listType;
            if (metadata.ListMapKeys is { } keys) schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => JsonValue.Create(k))]);
            if (metadata.PatchMergeKey is { } key) schema["x-kubernetes-patch-merge-key"] = key;
            if (metadata.PatchStrategy is { } strategy) schema["x-kubernetes-patch-strategy"] = strategy;
        }
        return schema;
    }

    JsonObject Value(Type type, string package)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => new() { ["type"] = "string" },
            _ when type == typeof(bool) => new() { ["type"] = "boolean" },
            _ when type == typeof(int) => new() { ["type"] = "integer", ["format"] = "int32" },
            _ when type == typeof(long) => new() { ["type"] = "integer", ["format"] = "int64" },
            _ when type == typeof(double) || type == typeof(float) => new() { ["type"] = "number", ["format"] = "double" },
            _ when type == typeof(byte[]) => new() { ["type"] = "string", ["format"] = "byte" },
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => Ref(AddSpecial(SchemaNames.Time)),
            _ when type == typeof(ResourceQuantity) => Ref(AddSpecial(SchemaNames.Quantity)),
            _ when type == typeof(IntOrString) => Ref(AddSpecial(SchemaNames.IntOrString)),
            _ when type == typeof(object) => new() { ["type"] = "object" },
            _ when ModelFields.IsMap(type) => new() { ["type"] = "object", ["additionalProperties"] = Value(ModelFields.ItemType(type)!, package) },
            _ when ModelFields.IsList(type) => new() { ["type"] = "array", ["items"] = Value(ModelFields.ItemType(type)!, package) },
            _ => Ref(Add(type, package)),
        };
    }

    /// <summary>Adds one of the <see cref="SpecialSchemas"/> and returns its name.</summary>
    public string AddSpecial(string name)
    {
        if (!_schemas.ContainsKey(name)) _schemas[name] = SpecialSchemas.Of(name, flavor);
        return name;
    }
}
