namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>Rejects catalog entries that would break lookups later, with a message naming the entry.</summary>
internal static class CatalogValidation
{
    public static CatalogImage WithDefaults(CatalogImage image) => image with
    {
        Repository = image.Repository ?? "",
        Tags = image.Tags ?? "latest",
        Entrypoint = image.Entrypoint ?? [],
        Cmd = image.Cmd ?? [],
        Env = image.Env ?? [],
        WorkingDir = image.WorkingDir ?? "/",
        Userland = image.Userland ?? "gnu",
        Files = image.Files ?? [],
        Binaries = image.Binaries ?? [],
    };

    public static ProgramBehavior WithDefaults(ProgramBehavior program) => program with
    {
        Name = program.Name ?? "",
        Stdout = program.Stdout ?? [],
        Stderr = program.Stderr ?? [],
        Listen = (program.Listen ?? []).Select(l => l with { Routes = l.Routes ?? [], Bodies = l.Bodies ?? [] }).ToList(),
        RequireEnv = program.RequireEnv ?? [],
        MissingEnvMessage = program.MissingEnvMessage ?? "",
    };

    public static void Check(CatalogImage image, string source)
    {
        if (!ImageName.TryParse(image.Repository, out var name, out _) || name.Repository != image.Repository)
        {
            throw Invalid(source, $"repository \"{image.Repository}\" must be a normalised name such as docker.io/library/nginx");
        }
        CheckPattern(image.Tags, source, $"tags of {image.Repository}");
        if (image.SizeBytes < 0 || image.PullSeconds < 0)
        {
            throw Invalid(source, $"{image.Repository}: sizeBytes and pullSeconds must not be negative");
        }
    }

    public static void Check(ProgramBehavior program, string source)
    {
        if (string.IsNullOrWhiteSpace(program.Name) || program.Name.Contains('/'))
        {
            throw Invalid(source, $"program name \"{program.Name}\" must be a file name without a directory");
        }
        if (program.Args is not null) CheckPattern(program.Args, source, $"args of program {program.Name}");
        if (program.Listen.Any(l => l.Port is < 1 or > 65535))
        {
            throw Invalid(source, $"program {program.Name}: listen ports must be between 1 and 65535");
        }
    }

    static void CheckPattern(string pattern, string source, string what)
    {
        try
        {
            _ = Patterns.IsMatch(pattern, "");
        }
        catch (ArgumentException e)
        {
            throw Invalid(source, $"{what}: {e.Message}");
        }
    }

    static InvalidDataException Invalid(string source, string message) => new($"image catalog {source}: {message}");
}
