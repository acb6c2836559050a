using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using PodLife.Core.Explain;

namespace PodLife.Core.Tests.Explain;

/// <summary>One golden case folder: pod.yaml|json, optional events, nodes and history, and the expected text.</summary>
sealed record GoldenCase(string Dir, V1Pod Pod, IReadOnlyList<Corev1Event> Events, V1Node? Node, IReadOnlyList<V1Node> Nodes, PodHistory? History)
{
    /// <summary>The instant every case is explained at; the inputs' times are written relative to it.</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 10, 0, TimeSpan.Zero);

    public static string Root([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");

    public static GoldenCase Load(string name)
    {
        var dir = Path.Combine(Root(), name);
        var pod = Read<V1Pod>(dir, "pod") ?? throw new FileNotFoundException($"no pod.yaml or pod.json in {dir}");
        var nodes = Read<V1NodeList>(dir, "nodes")?.Items?.ToList() ?? [];
        return new GoldenCase(dir, pod,
            Read<Corev1EventList>(dir, "events")?.Items?.ToList() ?? [],
            nodes.FirstOrDefault(n => n.Metadata.Name == pod.Spec.NodeName),
            nodes,
            File.Exists(Path.Combine(dir, "history.json"))
                ? JsonSerializer.Deserialize<PodHistory>(File.ReadAllText(Path.Combine(dir, "history.json")), HistoryJson)
                : null);
    }

    public PodExplanation Explain() => Explainer.Explain(Pod, Events, Node, Nodes, History, Now);

    public string ExpectedPath => Path.Combine(Dir, "expected.txt");

    static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    static T? Read<T>(string dir, string name) where T : class
    {
        var yaml = Path.Combine(dir, name + ".yaml");
        if (File.Exists(yaml)) return KubernetesYaml.Deserialize<T>(File.ReadAllText(yaml));
        var json = Path.Combine(dir, name + ".json");
        return File.Exists(json) ? KubernetesJson.Deserialize<T>(File.ReadAllText(json)) : null;
    }
}
