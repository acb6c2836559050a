namespace PodLife.Core.Admission;

/// <summary>A path to a field of an API object, printed like Go's field.Path ("spec.containers[0].image").</summary>
public sealed record FieldPath
{
    readonly string _text;

    FieldPath(string text) => _text = text;

    /// <summary>A path starting at <paramref name="name"/>, followed by <paramref name="more"/> children.</summary>
    public static FieldPath Root(string name, params string[] more) =>
        more.Aggregate(new FieldPath(name), (path, child) => path.Child(child));

    public FieldPath Child(string name, params string[] more) =>
        more.Aggregate(new FieldPath(_text.Length == 0 ? name : $"{_text}.{name}"), (path, child) => path.Child(child));

    public FieldPath Index(int index) => new($"{_text}[{index}]");

    /// <summary>A map entry, printed without quotes as Go does (<c>resources.limits[cpu]</c>).</summary>
    public FieldPath Key(string key) => new($"{_text}[{key}]");

    public override string ToString() => _text;
}
