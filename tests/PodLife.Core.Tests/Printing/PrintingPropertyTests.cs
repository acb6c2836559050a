using System.Text.RegularExpressions;
using CsCheck;
using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// Invariants over arbitrary inputs: the printers never throw and keep their output shapes.
public partial class PrintingPropertyTests
{
    [GeneratedRegex(@"\A(<invalid>|\d+[smhdy](\d+[smhd])?)\z")]
    private static partial Regex HumanDurationShape();

    [Fact]
    public void HumanDurationNeverThrowsAndAlwaysPrintsAKnownShape() =>
        Gen.Long.Sample(ticks => Assert.Matches(HumanDurationShape(), HumanDuration.Format(TimeSpan.FromTicks(ticks))));

    [Fact]
    public void GoDurationNeverThrowsAndEndsInAUnit() =>
        Gen.Long.Sample(ticks =>
        {
            var text = GoDuration.Format(TimeSpan.FromTicks(ticks));
            Assert.True(text.EndsWith('s'), text);
        });

    static readonly Gen<V1ContainerState?> State = Gen.Int[0, 4].Select(kind => kind switch
    {
        0 => null,
        1 => new V1ContainerState(),
        2 => new V1ContainerState { Running = new V1ContainerStateRunning() },
        3 => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
        _ => new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = kind, Signal = kind % 2 == 0 ? 9 : null } },
    });

    static readonly Gen<V1ContainerStatus> Status = Gen.Select(State, Gen.Bool, Gen.Int[0, 5], Gen.Bool, Gen.Int[0, 3],
        (state, ready, restarts, started, name) => new V1ContainerStatus
        {
            Name = $"c{name}",
            State = state,
            Ready = ready,
            RestartCount = restarts,
            Started = started,
            LastState = restarts > 0 ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { FinishedAt = DateTime.UnixEpoch.AddSeconds(restarts) } } : null,
        });

    static readonly Gen<V1Pod> Pod = Gen.Select(Status.Array[0, 3], Status.Array[0, 3], Gen.Int[0, 3], Gen.Bool,
        Gen.OneOf<string?>(null, "Pending", "Running", "Succeeded", "Failed"),
        (statuses, initStatuses, sidecars, deleted, phase) => new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", DeletionTimestamp = deleted ? DateTime.UnixEpoch : null },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "c0" }],
                InitContainers = [.. Enumerable.Range(0, sidecars).Select(i => new V1Container { Name = $"c{i}", RestartPolicy = "Always" })],
            },
            Status = new V1PodStatus { Phase = phase, ContainerStatuses = statuses, InitContainerStatuses = initStatuses },
        });

    [Fact]
    public void PodColumnsNeverThrowAndRestartsStartWithTheCount() =>
        Pod.Sample(pod =>
        {
            var row = PodColumns.From(pod, DateTimeOffset.UnixEpoch.AddDays(1));
            Assert.Matches(@"\A\d+/\d+\z", row.Ready);
            Assert.StartsWith(row.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Restarts);
            Assert.NotNull(row.Status);
        });

    [Fact]
    public void APodDecodedOnlyAsFarAsTheColumnsReadPrintsTheSameRowAsAFullyDecodedOne() =>
        Gen.Select(Pod, Gen.Bool, Gen.Bool, Gen.OneOf(Gen.OneOf<string?>(null, "NodeLost", "Evicted"), Gen.String.Select(s => (string?)s)), Gen.String,
            (pod, gated, ips, reason, text) =>
        {
            pod.Status.Reason = reason;
            // Everything the table decode skips, beside what it keeps; any text, so with quotes, brackets and escapes.
            pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
            pod.Metadata.Annotations = new Dictionary<string, string> { ["note"] = text, [text] = "}]\"{[" };
            pod.Metadata.CreationTimestamp = DateTime.UnixEpoch;
            pod.Spec.NodeName = "n1";
            pod.Spec.Volumes = [new V1Volume { Name = "v", EmptyDir = new V1EmptyDirVolumeSource() }];
            pod.Spec.Tolerations = [new V1Toleration { Key = "k", OperatorProperty = "Exists" }];
            pod.Spec.Containers[0].Image = "nginx";
            pod.Spec.Containers[0].Env = [new V1EnvVar { Name = "A", Value = "1" }];
            pod.Spec.ReadinessGates = gated ? [new V1PodReadinessGate { ConditionType = "example.com/ready" }] : null;
            pod.Status.Conditions =
            [
                new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", Message = "containers with unready status: [c]", LastTransitionTime = DateTime.UnixEpoch },
                .. gated ? [new V1PodCondition { Type = "example.com/ready", Status = "True" }] : Array.Empty<V1PodCondition>(),
            ];
            pod.Status.Message = "a message";
            pod.Status.StartTime = DateTime.UnixEpoch;
            pod.Status.PodIPs = ips ? [new V1PodIP { Ip = "10.244.0.5" }] : null;
            pod.Status.HostIPs = [new V1HostIP { Ip = "192.168.0.1" }];
            pod.Status.NominatedNodeName = ips ? null : "n2";
            return pod;
        }).Sample(pod =>
        {
            var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(pod, PodLife.Core.Client.ModelJson.Options);
            var full = System.Text.Json.JsonSerializer.Deserialize<V1Pod>(json, PodLife.Core.Client.ModelJson.Options)!;
            var trimmed = System.Text.Json.JsonSerializer.Deserialize<V1Pod>(json, PodColumns.DecodeOptions)!;
            var read = PrintedPodJson.Read(json);
            Assert.NotNull(read);
            var indented = PrintedPodJson.Read(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(pod, Indented));
            Assert.NotNull(indented);
            var now = DateTimeOffset.UnixEpoch.AddDays(1);
            var expected = PodColumns.From(full, now);
            foreach (var actual in new[] { PodColumns.From(trimmed, now), PodColumns.From(read, now), PodColumns.From(indented, now) })
            {
                Assert.Equal(expected.Cells(wide: true), actual.Cells(wide: true));
                Assert.Equal(expected.Conditions, actual.Conditions);
            }
            Assert.Null(trimmed.Spec.Volumes); // it did skip
            Assert.Null(trimmed.Status.Conditions[0].Message);
            Assert.Null(read.Spec.Volumes);
            Assert.Null(read.Status.Conditions[0].Message);
        });

    static readonly System.Text.Json.JsonSerializerOptions Indented = new(PodLife.Core.Client.ModelJson.Options) { WriteIndented = true };

    // A stored pod always fits the model; anything else goes back to the serializer, which says what is wrong.
    [Theory]
    [InlineData("""{"status":{"containerStatuses":[{"name":"c","restartCount":"three"}]}}""")]
    [InlineData("""{"status":{"containerStatuses":{"name":"c"}}}""")]
    [InlineData("""{"metadata":{"name":7}}""")]
    [InlineData("""{"metadata":{"creationTimestamp":"yesterday"}}""")]
    [InlineData("""[]""")]
    [InlineData("""{"spec":{"containers":[{"name":"c"}""")]
    [InlineData("""{"spec":{"volumes":[{"name":"v","x":[{}]}""")]
    [InlineData("""{"metadata":{"annotations":{"a":"b}""")]
    [InlineData("""{"status":{"containerStatuses":[{"name":"c","restartCount":1.5}]}}""")]
    [InlineData("""{"status":{"containerStatuses":[{"name":"c","ready":"yes"}]}}""")]
    [InlineData("""{"spec":{"containers":[null]}}""")]
    [InlineData("""{"metadata":{"n\u0061me":"p"}}""")] // an escaped name is the serializer's to read
    [InlineData("""{"metadata":{"name":"p"}""")]
    public void AnUnexpectedValueIsLeftToTheSerializer(string json) =>
        Assert.Null(PrintedPodJson.Read(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void NullsAndUnknownFieldsReadAsTheSerializerReadsThem()
    {
        var json = System.Text.Encoding.UTF8.GetBytes("""
            {"kind":"Pod","metadata":{"name":"p","labels":null,"x":[1,{"y":2}]},"spec":null,
             "status":{"phase":"Running","podIPs":null,"podIP":"10.0.0.1","containerStatuses":[{"name":"c","state":null,"lastState":{"terminated":null},"ready":true,"restartCount":0,"future":{"a":[]}}]}}
            """);
        var read = PrintedPodJson.Read(json)!;
        var full = System.Text.Json.JsonSerializer.Deserialize<V1Pod>(json, PodLife.Core.Client.ModelJson.Options)!;
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(PodColumns.From(full, now).Cells(wide: true), PodColumns.From(read, now).Cells(wide: true));
        Assert.Equal(("p", "10.0.0.1", true), (read.Metadata.Name, read.Status.PodIP, read.Status.ContainerStatuses[0].Ready));
    }

    [Fact]
    public void EscapesInSkippedAndReadStringsReadAsTheSerializerReadsThem()
    {
        var json = System.Text.Encoding.UTF8.GetBytes("""
            {"metadata":{"annotations":{"a\"}":"]\\\"{[","b":"\u007d"},"name":"p\u0031","creationTimestamp":"1970-01-01T00:00:00Z"},
             "spec":{"volumes":[{"x":[[],{},-1.5e+3,true,null,"\\"]}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","reason":"caf\u00e9 \"x\"","containerStatuses":[{"name":"c","state":{"waiting":{"reason":"Err\/Pull"}}}]}}
            """);
        var read = PrintedPodJson.Read(json)!;
        var full = System.Text.Json.JsonSerializer.Deserialize<V1Pod>(json, PodLife.Core.Client.ModelJson.Options)!;
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        Assert.Equal(PodColumns.From(full, now).Cells(wide: true), PodColumns.From(read, now).Cells(wide: true));
        Assert.Equal(("p1", "café \"x\"", "Err/Pull"), (read.Metadata.Name, read.Status.Reason, read.Status.ContainerStatuses[0].State.Waiting.Reason));
    }
}
