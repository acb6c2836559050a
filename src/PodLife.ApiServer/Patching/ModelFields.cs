using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace PodLife.ApiServer.Patching;

/// <summary>The JSON fields of a k8s.Models type, found by reflection over its [JsonPropertyName] properties.</summary>
public static class ModelFields
{
    static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Cache = new();

    /// <summary>The type's JSON field names and the properties behind them, in declaration order.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Of(Type modelType) => Cache.GetOrAdd(modelType, static t =>
    {
        var fields = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                fields.TryAdd(name.Name, property);
            }
        }
        return fields;
    });

    /// <summary>The type a JSON field holds, or null when the model has no such field.</summary>
    public static Type? FieldType(Type? modelType, string jsonName) =>
        modelType is not null && Of(modelType).TryGetValue(jsonName, out var property) ? property.PropertyType : null;

    /// <summary>The element type of a list, or the value type of a map (<c>IDictionary&lt;string, T&gt;</c>).</summary>
    public static Type? ItemType(Type? collectionType) =>
        collectionType is null || collectionType == typeof(string) ? null
        : GenericInterface(collectionType, typeof(IDictionary<,>))?.GetGenericArguments()[1]
          ?? GenericInterface(collectionType, typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>True for map-shaped fields (IDictionary&lt;string, T&gt;).</summary>
    public static bool IsMap(Type type) => GenericInterface(type, typeof(IDictionary<,>)) is not null;

    /// <summary>True for list-shaped fields (IList&lt;T&gt;, arrays), false for maps, strings and objects.</summary>
    public static bool IsList(Type type) =>
        type != typeof(string) && !IsMap(type) && GenericInterface(type, typeof(IEnumerable<>)) is not null;

    static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
