using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>
/// Reads a catalog file (YAML, or JSON, which YAML reads too) field by field from the YAML tree into the catalog
/// records. Not YamlDotNet's object deserializer: that creates the records and their lists by reflection, which a
/// native (ahead-of-time compiled) `podlife` cannot do for types it did not see used that way.
/// </summary>
static class CatalogYamlReader
{
    /// <exception cref="YamlException">Malformed YAML, with its position.</exception>
    /// <exception cref="InvalidDataException">An unknown field or a value of the wrong kind: "image catalog SOURCE: line N: …".</exception>
    public static CatalogFile? Read(string text, string source)
    {
        try { return Read(text); }
        catch (CatalogFieldException e) { throw new InvalidDataException($"image catalog {source}: line {e.Start.Line}: {e.Message}", e); }
    }

    static CatalogFile? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return null;
        var file = new CatalogFile();
        foreach (var (key, value) in Fields(stream.Documents[0].RootNode, "a catalog"))
        {
            file = key.Value switch
            {
                "images" => file with { Images = List(value, image => Record(image, "an image", new CatalogImage(), ImageField))! },
                "programs" => file with { Programs = List(value, program => Record(program, "a program", new ProgramBehavior(), ProgramField))! },
                _ => throw Unknown(key, "a catalog"),
            };
        }
        return file;
    }

    static CatalogImage ImageField(CatalogImage image, YamlScalarNode key, YamlNode value) => key.Value switch
    {
        "repository" => image with { Repository = Text(value)! },
        "tags" => image with { Tags = Text(value)! },
        "sizeBytes" => image with { SizeBytes = Number(value, long.Parse) },
        "pullSeconds" => image with { PullSeconds = Number(value, Double) },
        "entrypoint" => image with { Entrypoint = Texts(value)! },
        "cmd" => image with { Cmd = Texts(value)! },
        "env" => image with { Env = Map(value, Text)! },
        "workingDir" => image with { WorkingDir = Text(value)! },
        "userland" => image with { Userland = Text(value)! },
        "files" => image with { Files = Map(value, Text)! },
        "binaries" => image with { Binaries = Texts(value)! },
        _ => throw Unknown(key, "an image"),
    };

    static ProgramBehavior ProgramField(ProgramBehavior program, YamlScalarNode key, YamlNode value) => key.Value switch
    {
        "name" => program with { Name = Text(value)! },
        "args" => program with { Args = Text(value) },
        "stdout" => program with { Stdout = Texts(value)! },
        "stderr" => program with { Stderr = Texts(value)! },
        "listen" => program with { Listen = List(value, listen => Record(listen, "a listen entry", new ListenSpec(), ListenField))! },
        "exitCode" => program with { ExitCode = Optional(value, int.Parse) },
        "runSeconds" => program with { RunSeconds = Number(value, Double) },
        "stopExitCode" => program with { StopExitCode = Optional(value, int.Parse) },
        "memoryBytes" => program with { MemoryBytes = Number(value, long.Parse) },
        "execArgs" => program with { ExecArgs = Bool(value) },
        "requireEnv" => program with { RequireEnv = Texts(value)! },
        "missingEnvMessage" => program with { MissingEnvMessage = Text(value)! },
        _ => throw Unknown(key, "a program"),
    };

    static ListenSpec ListenField(ListenSpec listen, YamlScalarNode key, YamlNode value) => key.Value switch
    {
        "port" => listen with { Port = Number(value, int.Parse) },
        "docroot" => listen with { Docroot = Text(value) },
        "routes" => listen with { Routes = Map(value, v => Number(v, int.Parse))! },
        "bodies" => listen with { Bodies = Map(value, v => Text(v) ?? "")! },
        "grpcHealth" => listen with { GrpcHealth = Texts(value) },
        "failAfterSeconds" => listen with { FailAfterSeconds = Optional(value, Double) },
        _ => throw Unknown(key, "a listen entry"),
    };

    static T Record<T>(YamlNode node, string what, T empty, Func<T, YamlScalarNode, YamlNode, T> field)
    {
        var record = empty;
        foreach (var (key, value) in Fields(node, what)) record = field(record, key, value);
        return record;
    }

    static IEnumerable<(YamlScalarNode Key, YamlNode Value)> Fields(YamlNode node, string what) =>
        node is YamlMappingNode map
            ? map.Children.Select(kv => (kv.Key as YamlScalarNode ?? throw Error(kv.Key, $"a key of {what} must be a plain name"), kv.Value))
            : throw Error(node, $"{what} must be a mapping of fields");

    // Empty (`cmd:`) or null is the field's default, as YamlDotNet read it; CatalogValidation.WithDefaults fills it in.
    static List<T>? List<T>(YamlNode node, Func<YamlNode, T> item) =>
        IsNull(node) ? null
        : node is YamlSequenceNode seq ? [.. seq.Children.Select(item)]
        : throw Error(node, "expected a list");

    static List<string>? Texts(YamlNode node) => List(node, n => Text(n) ?? "");

    static Dictionary<string, T>? Map<T>(YamlNode node, Func<YamlNode, T> value) =>
        IsNull(node) ? null
        : node is YamlMappingNode map
            ? map.Children.ToDictionary(kv => (kv.Key as YamlScalarNode)?.Value ?? throw Error(kv.Key, "a key must be a plain name"), kv => value(kv.Value))
        : throw Error(node, "expected a mapping");

    static string? Text(YamlNode node) =>
        IsNull(node) ? null
        : node is YamlScalarNode { Value: var text } ? text ?? ""
        : throw Error(node, "expected a single value");

    static T Number<T>(YamlNode node, Func<string, IFormatProvider, T> parse) where T : struct =>
        Optional(node, parse) ?? default;

    static T? Optional<T>(YamlNode node, Func<string, IFormatProvider, T> parse) where T : struct
    {
        if (Text(node) is not { } text) return null;
        try { return parse(text, CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Error(node, $"\"{text}\" is not a number of the kind this field takes");
        }
    }

    static double Double(string text, IFormatProvider culture) => double.Parse(text, NumberStyles.Float, culture);

    static bool Bool(YamlNode node) => Text(node) switch
    {
        null => false,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error(node, $"\"{other}\" is not true or false"),
    };

    static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    static CatalogFieldException Unknown(YamlScalarNode key, string what) => Error(key, $"unknown field \"{key.Value}\" in {what}");

    static CatalogFieldException Error(YamlNode node, string message) => new(node.Start, message);

    /// <summary>A field the catalog's records do not have or cannot take, where it is in the file.</summary>
    sealed class CatalogFieldException(Mark start, string message) : Exception(message)
    {
        public Mark Start { get; } = start;
    }
}
