using CsCheck;
using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

/// <summary>A generated pod and the facts kubelet would pass with it.</summary>
sealed record GeneratedPod(V1Pod Pod, bool PodIsTerminal)
{
    public PodPhaseFacts Facts => PodPhaseFacts.FromStatuses(Pod.Spec, Pod.Status.ContainerStatuses, PodIsTerminal);

    public string Phase => PodPhase.From(Pod, Facts);

    public override string ToString() =>
        $"policy={Pod.Spec.RestartPolicy} terminal={PodIsTerminal} init=[{Describe(Pod.Status.InitContainerStatuses)}] containers=[{Describe(Pod.Status.ContainerStatuses)}]";

    static string Describe(IEnumerable<V1ContainerStatus> statuses) => string.Join(", ", statuses.Select(s =>
        $"{s.Name}:{(s.State?.Running is not null ? "running" : s.State?.Waiting is not null ? "waiting" : s.State?.Terminated is { } t ? $"exit{t.ExitCode}" : "none")}" +
        $"{(s.LastState?.Terminated is { } l ? $"/last{l.ExitCode}" : "")}{(s.Ready ? "/ready" : "")}{(s.Started == true ? "/started" : "")}"));
}

/// <summary>Random pods with init containers, sidecars and regular containers in every state kubelet can report.</summary>
static class PodGen
{
    static readonly string[] Words = ["-", "nostate", "waiting", "crashloop", "crashloopfailed", "running", "stopped", "failed"];
    static readonly string[] Policies = [RestartPolicies.Always, RestartPolicies.OnFailure, RestartPolicies.Never];

    static readonly Gen<string> Word = Gen.Int[0, Words.Length - 1].Select(i => Words[i]);

    public static readonly Gen<GeneratedPod> Pods =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[1, 3], (policy, inits, sidecars, regular) => (policy, inits, sidecars, regular))
            .SelectMany(shape => Gen.Select(Word.Array[shape.inits + shape.sidecars + shape.regular], Gen.Int[0, 15], Gen.Bool,
                (words, probeBits, terminal) => Build(Policies[shape.policy], shape.inits, shape.sidecars, words, probeBits, terminal)));

    static GeneratedPod Build(string policy, int inits, int sidecars, string[] words, int probeBits, bool terminal)
    {
        var initNames = Enumerable.Range(0, inits).Select(i => $"init{i}").ToArray();
        var sidecarNames = Enumerable.Range(0, sidecars).Select(i => $"sidecar{i}").ToArray();
        var regularNames = Enumerable.Range(0, words.Length - inits - sidecars).Select(i => $"app{i}").ToArray();
        var probes = new ProbeResults((probeBits & 1) != 0, (probeBits & 2) != 0, (probeBits & 4) != 0, (probeBits & 8) != 0);

        // started/ready as the prober manager would set them, so the statuses are ones kubelet can produce.
        V1ContainerStatus[] Statuses(string[] names, int offset, bool regularInit) => names
            .Select((n, i) => ContainerStatusShorthand.Parse(n, words[offset + i]))
            .OfType<V1ContainerStatus>()
            .Select(s => ContainerReadiness.Apply(s, probes, regularInit))
            .ToArray();

        var pod = new PodBuilder().WithInitContainers(initNames).WithSidecars(sidecarNames).WithContainers(regularNames)
            .WithRestartPolicy(policy).OnNode("node-1")
            .WithInitStatuses([.. Statuses(initNames, 0, true), .. Statuses(sidecarNames, inits, false)])
            .WithStatuses(Statuses(regularNames, inits + sidecars, false))
            .Build();
        return new GeneratedPod(pod, terminal);
    }
}
