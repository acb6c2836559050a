using System.Text;
using k8s;
using k8s.Models;
using PodLife.Node.Status;

namespace PodLife.Node.Tests.Status;

/// <summary>The status patch a node sends: the client's own serialization, and nothing when the status is unchanged.</summary>
public sealed class PodStatusPatchTests
{
    static V1PodStatus Status(string phase) => new()
    {
        Phase = phase,
        HostIP = "10.0.0.1",
        HostIPs = [new V1HostIP { Ip = "10.0.0.1" }],
        StartTime = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc),
        Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = new DateTime(2026, 12, 4, 12, 0, 1, DateTimeKind.Utc) }],
        ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = "main", Image = "busybox:1.36", Ready = true, RestartCount = 0,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = new DateTime(2026, 12, 4, 12, 0, 1, DateTimeKind.Utc) } },
            },
        ],
        Message = "non-ASCII stays intact: é ✓",
        QosClass = "BestEffort",
    };

    [Fact]
    public void A_new_status_is_the_clients_own_JSON_and_its_patch_wraps_it()
    {
        var json = PodStatusPatch.IfChanged(Status("Running"), previous: null)?.Json;

        Assert.NotNull(json);
        Assert.Equal(KubernetesJson.Serialize(Status("Running")), Encoding.UTF8.GetString(json));
        Assert.Equal($"{{\"status\":{KubernetesJson.Serialize(Status("Running"))}}}", PodStatusPatch.MergePatch(json).ToString());
    }

    [Fact]
    public void An_unchanged_status_gives_nothing_and_a_changed_one_its_new_JSON()
    {
        var written = PodStatusPatch.IfChanged(Status("Pending"), null)!.Value.Digest;

        Assert.Null(PodStatusPatch.IfChanged(Status("Pending"), written));
        var changed = PodStatusPatch.IfChanged(Status("Running"), written);
        Assert.NotNull(changed);
        Assert.Equal(KubernetesJson.Serialize(Status("Running")), Encoding.UTF8.GetString(changed.Value.Json));
        Assert.NotEqual(written, changed.Value.Digest);
    }
}
