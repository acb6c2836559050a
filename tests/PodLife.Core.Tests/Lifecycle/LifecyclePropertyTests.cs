using CsCheck;
using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Invariants of kubelet's status rules (kubelet_pods.go getPhase, status/generate.go, status_manager.go),
// checked on random pods in every combination of container states.
public class LifecyclePropertyTests
{
    [Fact]
    public void TheComputedPhaseIsNeverUnknown() =>
        PodGen.Pods.Sample(p => p.Phase is PodPhase.Pending or PodPhase.Running or PodPhase.Succeeded or PodPhase.Failed);

    [Fact]
    public void ASucceededPodHasEveryRegularContainerTerminatedWithExitCodeZero() =>
        PodGen.Pods.Sample(p => p.Phase != PodPhase.Succeeded
            || p.Pod.Spec.Containers.All(c => p.Pod.Status.ContainerStatuses.Any(s => s.Name == c.Name && s.State?.Terminated?.ExitCode == 0)));

    [Fact]
    public void OnlyNeverPodsAndTerminalPodsFail() =>
        PodGen.Pods.Sample(p => p.Phase != PodPhase.Failed || p.Pod.Spec.RestartPolicy == RestartPolicies.Never || p.PodIsTerminal);

    [Fact]
    public void ReadyImpliesContainersReadyImpliesInitialized() =>
        PodGen.Pods.Sample(p =>
        {
            var byType = PodConditions.Generate(p.Pod, p.Phase, sandboxReady: true).ToDictionary(c => c.Type, c => c.Status);
            var ready = byType[PodConditionTypes.Ready] == ConditionStatus.True;
            var containersReady = byType[PodConditionTypes.ContainersReady] == ConditionStatus.True;
            var initialized = byType[PodConditionTypes.Initialized] == ConditionStatus.True;
            return (!ready || containersReady) && (!containersReady || initialized);
        });

    [Fact]
    public void ATerminalPhaseNeverChangesBack()
    {
        var phases = Gen.Int[0, 3].Select(i => new[] { PodPhase.Pending, PodPhase.Running, PodPhase.Succeeded, PodPhase.Failed }[i]);
        phases.Array[1, 12].Sample(computed =>
        {
            string? current = null;
            string? firstTerminal = null;
            foreach (var next in computed)
            {
                current = PodPhase.KeepTerminal(current, next);
                firstTerminal ??= PodPhase.IsTerminal(current) ? current : null;
                if (firstTerminal is not null && current != firstTerminal) return false;
            }
            return true;
        });
    }

    [Fact]
    public void MergingTheSameConditionsAgainChangesNothing()
    {
        var t0 = TestTimes.T0;
        PodGen.Pods.Sample(p =>
        {
            var generated = PodConditions.Generate(p.Pod, p.Phase, sandboxReady: true);
            var first = PodConditionMerge.Merge(null, generated, t0);
            var second = PodConditionMerge.Merge(first, PodConditions.Generate(p.Pod, p.Phase, sandboxReady: true), t0.AddHours(1));
            return first.Select(c => (c.Type, c.Status, c.LastTransitionTime)).SequenceEqual(second.Select(c => (c.Type, c.Status, c.LastTransitionTime)));
        });
    }

    [Fact]
    public void EveryAcceptedStepOfAContainerKeepsItsRestartCountMonotonic()
    {
        var t0 = TestTimes.T0;
        var policies = Gen.Int[0, 2].Select(i => new[] { RestartPolicies.Always, RestartPolicies.OnFailure, RestartPolicies.Never }[i]);
        Gen.Select(policies, Gen.Int[0, 3].Array[1, 20], (policy, steps) => (policy, steps)).Sample((policy, steps) =>
        {
            var status = ContainerStatuses.Initial(new V1Container { Name = "app", Image = "busybox" }, false);
            var now = t0;
            var everTerminatedForGood = false;
            foreach (var step in steps)
            {
                now = now.AddSeconds(1);
                var result = step switch
                {
                    0 => ContainerStateMachine.Start(status, now, policy),
                    1 => ContainerStateMachine.Exit(status, 0, now),
                    2 => ContainerStateMachine.Exit(status, 1, now),
                    _ => ContainerStateMachine.Wait(status, ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(10), "app", "web", "default", "uid"), policy),
                };
                if (!result.IsAllowed) continue;
                var next = result.Status!;
                if (next.RestartCount < status.RestartCount) return false;
                if (everTerminatedForGood && next.State.Terminated is null) return false;
                everTerminatedForGood |= next.State.Terminated is { } t && !RestartPolicies.Restarts(policy, t.ExitCode);
                status = next;
            }
            return true;
        });
    }

    [Fact]
    public void EveryGeneratedPodHasAStage() =>
        PodGen.Pods.Sample(p =>
        {
            var pod = new PodBuilder().Build() with { Spec = p.Pod.Spec, Status = p.Pod.Status with { Phase = p.Phase } };
            var stage = Core.Stages.PodStage.Classify(pod);
            return stage.Reason.Length > 0 && (stage.Stage == Core.Stages.LifecycleStage.Terminated) == PodPhase.IsTerminal(p.Phase);
        });
}
