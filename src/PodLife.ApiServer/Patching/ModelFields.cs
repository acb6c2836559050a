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
    public static Type? ItemType(Type? collectionType) => collectionType is null ? null : ShapeOf(collectionType).Item;

    /// <summary>True for map-shaped fields (IDictionary&lt;string, T&gt;).</summary>
    public static bool IsMap(Type type) => ShapeOf(type).IsMap;

    /// <summary>True for list-shaped fields (IList&lt;T&gt;, arrays), false for maps, strings and objects.</summary>
    public static bool IsList(Type type) => ShapeOf(type).IsList;

    readonly record struct Shape(Type? Item, bool IsMap, bool IsList);

    // Whether a type is a map or a list never changes; finding out walks its interfaces (an array and a closure per
    // call), which the write path did for every field of every object it normalized.
    static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, static t =>
    {
        if (t == typeof(string)) return default;
        var map = GenericInterface(t, typeof(IDictionary<,>));
        var list = map is null ? GenericInterface(t, typeof(IEnumerable<>)) : null;
        return new Shape(map?.GetGenericArguments()[1] ?? list?.GetGenericArguments()[0], map is not null, list is not null);
    });

    static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
