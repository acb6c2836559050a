using PodLife.Core.Explain;

namespace PodLife.Core.Tests.Explain;

/// <summary>`podlife explain` text for the pods of issue 9, compared with the expected files under golden/.</summary>
/// <remarks>Set PODLIFE_UPDATE_GOLDEN=1 to rewrite expected.txt files after a deliberate change, then review the diff.</remarks>
public sealed class ExplainGoldenTests
{
    public static TheoryData<string> Cases => new(Directory.GetDirectories(GoldenCase.Root()).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheExplanationTextMatchesTheGoldenFile(string name)
    {
        var golden = GoldenCase.Load(name);
        var text = ExplanationText.Render(golden.Explain(), GoldenCase.Now);

        if (Environment.GetEnvironmentVariable("PODLIFE_UPDATE_GOLDEN") == "1") File.WriteAllText(golden.ExpectedPath, text);
        Assert.True(File.Exists(golden.ExpectedPath), $"missing {golden.ExpectedPath}; run once with PODLIFE_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden.ExpectedPath), text);
    }

    [Theory]
    [InlineData("pending-unschedulable", PodHealth.InTrouble)]
    [InlineData("pending-imagepullbackoff", PodHealth.InTrouble)]
    [InlineData("invalid-image-name", PodHealth.InTrouble)]
    [InlineData("init-crashloopbackoff", PodHealth.InTrouble)]
    [InlineData("crashloopbackoff", PodHealth.InTrouble)]
    [InlineData("starterror", PodHealth.InTrouble)]
    [InlineData("rejected-outofcpu", PodHealth.InTrouble)]
    [InlineData("readiness-failing", PodHealth.InTrouble)]
    [InlineData("completed", PodHealth.Completed)]
    [InlineData("error", PodHealth.InTrouble)]
    [InlineData("oomkilled", PodHealth.InTrouble)]
    [InlineData("terminating", PodHealth.Progressing)]
    [InlineData("node-lost", PodHealth.InTrouble)]
    [InlineData("real-cluster-crashloop", PodHealth.InTrouble)]
    public void EachCaseHasTheHealthThatDecidesTheExitCode(string name, PodHealth health)
    {
        var explanation = GoldenCase.Load(name).Explain();
        Assert.Equal(health, explanation.Health);
        Assert.Equal(health == PodHealth.InTrouble ? 1 : 0, explanation.ExitCode);
    }

    [Theory]
    // Image back-off: 3 failed pulls, the last at 10:09:30 -> 40s -> next pull at 10:10:10 (image_manager.go).
    [InlineData("pending-imagepullbackoff", "image `nginx:doesnotexist` not found in registry; next pull attempt in 10s (back-off 40s after 3 failed pull(s))")]
    // Crash loop: back-off 2m40s from finishedAt 10:08:30 -> restart at 10:11:10 (kuberuntime_manager.go doBackOff).
    [InlineData("crashloopbackoff", "next restart of container app in 70s (back-off 2m40s, restart 6)")]
    [InlineData("init-crashloopbackoff", "next restart of init container init-db in 25s (back-off 40s, restart 4)")]
    [InlineData("pending-unschedulable", "2 node(s) lack cpu - the pod requests 4 cpu, the largest node has 2 cpu allocatable in total")]
    [InlineData("node-lost", "the pod is evicted (deleted) in 2m15s, when its 300s toleration of node.kubernetes.io/unreachable runs out")]
    [InlineData("terminating", "containers still running get SIGKILL in 25s (grace period 30s); once all have stopped the pod is removed")]
    [InlineData("real-cluster-crashloop", "next restart of container app in 2m41s (back-off 5m0s, restart 8)")]
    public void WhatHappensNextSaysWhenWithTheBackOffRules(string name, string next) =>
        Assert.Contains(next, GoldenCase.Load(name).Explain().Next);

    [Fact]
    public void TheJsonFormRoundTripsTheWholeTree()
    {
        var explanation = GoldenCase.Load("completed").Explain();
        var json = ExplanationJson.Serialize(explanation);

        Assert.Contains("\"stage\": \"terminated\"", json, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\": 0", json, StringComparison.Ordinal);
        var back = ExplanationJson.Deserialize(json)!;
        Assert.Equal(explanation.Containers, back.Containers);
        Assert.Equal(explanation.Next, back.Next);
        Assert.Equal(explanation.History, back.History);
    }

    [Fact]
    public void ColoursAppearOnlyWhenAsked()
    {
        var explanation = GoldenCase.Load("crashloopbackoff").Explain();
        Assert.DoesNotContain("\e[", ExplanationText.Render(explanation, GoldenCase.Now), StringComparison.Ordinal);
        Assert.Contains("\e[1;31merror\e[0m", ExplanationText.Render(explanation, GoldenCase.Now, color: true), StringComparison.Ordinal);
    }
}
