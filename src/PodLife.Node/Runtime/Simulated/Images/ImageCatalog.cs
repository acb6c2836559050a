using YamlDotNet.Core;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>
/// Which images exist for the simulated runtime and what their programs do: a built-in set of popular images
/// (<c>builtin-images.yaml</c>) plus any catalog files the user adds, later entries winning.
/// </summary>
public sealed class ImageCatalog
{
    // The entries are read on first use: the built-in catalog is parsed (and YamlDotNet loaded, ~2 MB resident) only
    // when a pod's image is first pulled or its program looked up, not by every idle `podlife up` (performance.md).
    readonly Lazy<(List<CatalogImage> Images, List<ProgramBehavior> Programs)> _entries;

    ImageCatalog(Func<(List<CatalogImage>, List<ProgramBehavior>)> entries) => _entries = new(entries);

    /// <summary>The built-in catalog (parsed on first use; its validity is a unit test's concern).</summary>
    public static ImageCatalog BuiltIn { get; } = new(() => Parse(ReadBuiltIn(), "builtin-images.yaml"));

    /// <summary>The repositories, last-added first.</summary>
    public IReadOnlyList<CatalogImage> Images => _entries.Value.Images;

    /// <summary>The program behaviours, last-added first.</summary>
    public IReadOnlyList<ProgramBehavior> Programs => _entries.Value.Programs;

    /// <summary>This catalog plus the images and programs of a YAML or JSON catalog file.</summary>
    /// <exception cref="InvalidDataException">The file is unreadable or malformed; the message names the file and the problem.</exception>
    public ImageCatalog WithFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"image catalog {path}: {e.Message}", e);
        }
        return With(FromText(text, path));
    }

    /// <summary>This catalog plus the entries of <paramref name="other"/>, which win over this one's.</summary>
    public ImageCatalog With(ImageCatalog other) => new(() => ([.. other.Images, .. Images], [.. other.Programs, .. Programs]));

    /// <summary>Parses a catalog from YAML or JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is malformed or an entry is invalid.</exception>
    public static ImageCatalog FromText(string text, string source)
    {
        var entries = Parse(text, source); // now, so that a malformed file is rejected where it is added
        return new(() => entries);
    }

    static (List<CatalogImage>, List<ProgramBehavior>) Parse(string text, string source)
    {
        CatalogFile? file;
        try
        {
            file = CatalogYamlReader.Read(text, source);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"image catalog {source}: line {e.Start.Line}: {e.Message}", e);
        }
        // An empty key in YAML (`cmd:`) deserialises as null; treat it as the empty default.
        var images = (file?.Images ?? []).Select(CatalogValidation.WithDefaults).ToList();
        var programs = (file?.Programs ?? []).Select(CatalogValidation.WithDefaults).ToList();
        images.ForEach(image => CatalogValidation.Check(image, source));
        programs.ForEach(program => CatalogValidation.Check(program, source));
        return (images, programs);
    }

    /// <summary>The behaviour of <paramref name="program"/> run with <paramref name="args"/>, if the catalog knows it.</summary>
    public ProgramBehavior? FindProgram(string program, IReadOnlyList<string> args) =>
        Programs.FirstOrDefault(p => p.Matches(program, args));

    /// <summary>Looks an image reference up the way a registry would answer a pull.</summary>
    internal CatalogLookup Resolve(string reference) => CatalogLookup.Find(this, reference);

    static string ReadBuiltIn()
    {
        using var stream = typeof(ImageCatalog).Assembly.GetManifestResourceStream("PodLife.Node.builtin-images.yaml")
            ?? throw new InvalidOperationException("the built-in image catalog is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
