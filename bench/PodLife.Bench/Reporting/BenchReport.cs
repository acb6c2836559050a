using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.Bench.Reporting;

/// <summary>
/// The figures of one `podlife bench` run with the machine they were measured on and its physical limits, printed as
/// one table (each figure next to its target and its ratio to the limit) and optionally saved as JSON to compare runs.
/// </summary>
public sealed class BenchReport(PhysicalLimits limits)
{
    readonly List<Figure> _figures = [];

    public PhysicalLimits Limits { get; } = limits;
    public IReadOnlyList<Figure> Figures => _figures;
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public void Add(Figure figure) => _figures.Add(figure);

    public void AddRange(IEnumerable<Figure> figures) => _figures.AddRange(figures);

    /// <summary>True when no figure misses its target.</summary>
    public bool AllTargetsMet => _figures.All(f => f.Met != false);

    public async Task PrintAsync(TextWriter output)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"machine: {Machine.Describe()}; {Started:yyyy-MM-dd HH:mm} UTC");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"physical limit: raw SQLite durable commits {Limits.RawCommitsPerSecond:N0}/s (1 row per transaction), {Limits.RawBatchedRowsPerSecond:N0} rows/s (64 per transaction); fsync p50 {Limits.FsyncP50Ms:F2} ms, p99 {Limits.FsyncP99Ms:F2} ms"));
        string[] header = ["BENCH", "FIGURE", "VALUE", "TARGET", "MET", "VS PHYSICAL LIMIT"];
        var rows = _figures.Select(f => new[]
        {
            f.Bench, f.Name, $"{Format(f.Value)} {f.Unit}", f.Target is { } t ? $"{(t.Better == Better.Higher ? ">=" : "<=")} {Format(t.Threshold)} {f.Unit}" : "",
            f.Met switch { true => "yes", false => "NO", null => "" }, Limits.Compare(f),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }

    public async Task WriteJsonAsync(string path)
    {
        var json = new JsonObject
        {
            ["started"] = Started.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = Machine.Describe(),
            // By hand, as the figures: a reflection-based serializer has no code for this record in a native build.
            ["limits"] = new JsonObject
            {
                [nameof(Limits.RawCommitsPerSecond)] = Limits.RawCommitsPerSecond,
                [nameof(Limits.RawBatchedRowsPerSecond)] = Limits.RawBatchedRowsPerSecond,
                [nameof(Limits.FsyncP50Ms)] = Limits.FsyncP50Ms,
                [nameof(Limits.FsyncP99Ms)] = Limits.FsyncP99Ms,
            },
            ["figures"] = new JsonArray([.. _figures.Select(f => (JsonNode)new JsonObject
            {
                ["bench"] = f.Bench,
                ["name"] = f.Name,
                ["value"] = double.IsFinite(f.Value) ? f.Value : null,
                ["unit"] = f.Unit,
                ["target"] = f.Target is { } t ? new JsonObject { ["threshold"] = t.Threshold, ["better"] = t.Better.ToString().ToLowerInvariant() } : null,
                ["met"] = f.Met,
                ["ratioToLimit"] = Limits.Ratio(f),
            })]),
        };
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>Thousands separators for big numbers, a few decimals for small ones.</summary>
    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        _ when value == Math.Round(value) => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 or <= -100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 or <= -10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };
}
