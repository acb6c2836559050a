using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// pods/ephemeralcontainers (validation.go ValidatePodEphemeralContainersUpdate, validateEphemeralContainers): what
// `kubectl debug` adds, and what may not happen to ephemeral containers already there.
public class EphemeralContainerValidationTests
{
    static V1EphemeralContainer Debugger(string name = "debugger", Action<V1EphemeralContainer>? change = null)
    {
        var container = new V1EphemeralContainer
        {
            Name = name, Image = "busybox:1.36", Stdin = true, Tty = true, TargetContainerName = "web",
            ImagePullPolicy = "IfNotPresent", TerminationMessagePath = "/dev/termination-log", TerminationMessagePolicy = "File",
        };
        change?.Invoke(container);
        return container;
    }

    static V1Pod Stored(Action<V1Pod> change) => Pods.Defaulted(p =>
    {
        p.Metadata.ResourceVersion = "7";
        p.Metadata.Uid = "u-1";
        change(p);
    });

    static IReadOnlyList<string> Errors(IEnumerable<V1EphemeralContainer>? before, params V1EphemeralContainer[] after)
    {
        var old = Stored(p => p.Spec.EphemeralContainers = before?.ToList());
        var updated = Stored(p => p.Spec.EphemeralContainers = [.. after]);
        return EphemeralContainerValidation.ValidateUpdate(old, updated).Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void ADebuggerAimedAtAContainerMayBeAddedBesideOnesAlreadyThere() =>
        Assert.Empty(Errors([Debugger("first")], Debugger("first"), Debugger("second")));

    [Fact]
    public void ExistingOnesMayBeNeitherRemovedNorChanged()
    {
        Assert.Equal(["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"first\" may not be removed\n"],
            Errors([Debugger("first")], Debugger("second")));
        Assert.Equal(["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"first\" may not be changed\n"],
            Errors([Debugger("first")], Debugger("first", c => c.Image = "busybox:1.37")));
    }

    [Fact]
    public void PortsProbesLifecycleResourcesAndRestartPolicyAreForbidden()
    {
        var errors = Errors(null, Debugger(change: c =>
        {
            c.Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "TCP" }];
            c.ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } };
            c.Lifecycle = new V1Lifecycle();
            c.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1") } };
            c.RestartPolicy = "Always";
        }));
        Assert.Equal(
        [
            "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].restartPolicy: Forbidden: cannot be set for an Ephemeral Container",
        ], errors);
    }

    [Fact]
    public void ItNeedsANameOfItsOwnAnImageAndATargetThatExists()
    {
        Assert.Equal(["spec.ephemeralContainers[0].name: Duplicate value: \"web\""], Errors(null, Debugger("web")));
        Assert.Equal(["spec.ephemeralContainers[1].name: Duplicate value: \"twin\""], Errors(null, Debugger("twin"), Debugger("twin")));
        Assert.Equal(["spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\""],
            Errors(null, Debugger(change: c => c.TargetContainerName = "nope")));
        Assert.Equal(["spec.ephemeralContainers[0].name: Required value", "spec.ephemeralContainers[0].image: Required value"],
            Errors(null, Debugger("", c => c.Image = null)));
    }

    [Fact]
    public void TheSchemeDefaultsFillItIn()
    {
        var pod = PodDefaults.ApplySchemeDefaults(Pods.Defaulted(p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "d", Image = "busybox" }]));
        var d = pod.Spec.EphemeralContainers[0];
        Assert.Equal(("Always", "/dev/termination-log", "File"), (d.ImagePullPolicy, d.TerminationMessagePath, d.TerminationMessagePolicy));
    }
}
