using System.Text;
using PodLife.ApiServer.Protobuf;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>Pods in protobuf (as typed Go clients and kubectl debug send them) decode to the JSON of the same pod.</summary>
public class PodProtobufTests
{
    // A minimal protobuf writer for building bodies field by field (tag = number << 3 | wire type).
    static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return [.. bytes];
    }

    static byte[] Field(int number, ulong value) => [.. Varint((ulong)number << 3), .. Varint(value)];

    static byte[] Field(int number, params byte[][] message)
    {
        var body = message.SelectMany(m => m).ToArray();
        return [.. Varint(((ulong)number << 3) | 2), .. Varint((ulong)body.Length), .. body];
    }

    static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    static byte[] Envelope(byte[] pod) =>
        [.. "k8s\0"u8, .. Field(1, Field(1, "v1"), Field(2, "Pod")), .. Field(2, pod)];

    static readonly byte[] Metadata = Field(1, Field(1, "web"), Field(3, "default"));

    [Fact]
    public void APodWithProbesResourcesVolumesAndTolerationsDecodesLikeItsJson()
    {
        var container = Field(2,
            Field(1, "app"), Field(2, "nginx:1.27"),
            Field(6, Field(1, "http"), Field(3, 8080), Field(4, "TCP")),
            Field(8, Field(1, Field(1, "cpu"), Field(2, Field(1, "500m"))), Field(2, Field(1, "memory"), Field(2, Field(1, "64Mi")))),
            Field(9, Field(1, "host"), Field(2, 1), Field(3, "/host")),
            Field(10, Field(1, Field(2, Field(1, "/healthz"), Field(2, Field(1, 1), Field(3, "http")))), Field(4, 5)),
            Field(11, Field(1, Field(3, Field(1, Field(2, 8080))))),
            Field(16, 0), Field(17, 0), Field(18, 0));
        var spec = Field(2,
            Field(1, Field(1, "host"), Field(2, Field(1, Field(1, "/")))),
            container,
            Field(3, "Never"), Field(10, "node-1"), Field(12, 1),
            Field(22, Field(2, "Exists"), Field(4, "NoExecute"), Field(5, 300)));
        var pod = Envelope([.. Metadata, .. spec, .. Field(3)]);

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"volumes":[{"name":"host","hostPath":{"path":"/"}}]"""
            + ""","containers":[{"name":"app","image":"nginx:1.27","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}]"""
            + ""","resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}},"volumeMounts":[{"name":"host","readOnly":true,"mountPath":"/host"}]"""
            + ""","livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5},"readinessProbe":{"tcpSocket":{"port":8080}}}]"""
            + ""","restartPolicy":"Never","nodeName":"node-1","hostPID":true,"tolerations":[{"operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},"status":{}}""",
            ProtobufEnvelope.Decode(pod).ToJsonString());
    }

    [Fact]
    public void AContainerStatusKeepsReadyAndRestartCountEvenWhenZero()
    {
        var status = Field(3, Field(1, "Running"), Field(8, Field(1, "app"), Field(2, Field(2, Field(1, Field(1, 1_700_000_000)))), Field(4, 0), Field(5, 0),
            Field(6, "nginx"), Field(7, "")));

        Assert.Equal(
            """{"phase":"Running","containerStatuses":[{"name":"app","state":{"running":{"startedAt":"2023-11-14T22:13:20Z"}},"ready":false,"restartCount":0,"image":"nginx","imageID":""}]}""",
            ProtobufEnvelope.Decode(Envelope([.. Metadata, .. status]))["status"]!.ToJsonString());
    }

    [Fact]
    public void AFieldThisServerDoesNotKnowIsRefusedRatherThanDropped()
    {
        // Affinity has no field 99 (a field a newer Kubernetes might add).
        var pod = Envelope([.. Metadata, .. Field(2, Field(18, Field(99, Field(1))))]);

        var e = Assert.Throws<ProtobufException>(() => ProtobufEnvelope.Decode(pod));
        Assert.Equal("proto: field number 99 of spec.affinity is not supported by this server", e.Message);
    }

    [Fact]
    public void ALeaseRenewalKeepsMicrosecondsAndZeroTransitions()
    {
        var spec = Field(2, Field(1, "n1"), Field(2, 40), Field(4, Field(1, 1_700_000_000), Field(2, 123_456_789)), Field(5, 0));
        var lease = (byte[])[.. "k8s\0"u8, .. Field(1, Field(1, "coordination.k8s.io/v1"), Field(2, "Lease")), .. Field(2, [.. Field(1, Field(1, "n1")), .. spec])];

        Assert.Equal(
            """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"n1"},"spec":{"holderIdentity":"n1","leaseDurationSeconds":40,"renewTime":"2023-11-14T22:13:20.123456Z","leaseTransitions":0}}""",
            ProtobufEnvelope.Decode(lease).ToJsonString());
    }

    [Fact]
    public void AKubeletEventKeepsItsObjectSourceAndEventTime()
    {
        var fields = (byte[])[.. Field(1, Field(1, "web.1"), Field(3, "default")),
            .. Field(2, Field(1, "Pod"), Field(2, "default"), Field(3, "web"), Field(7, "spec.containers{app}")),
            .. Field(3, "Pulled"), .. Field(4, "Image pulled"), .. Field(5, Field(1, "kubelet"), Field(2, "n1")),
            .. Field(6, Field(1, 1_700_000_000)), .. Field(7, Field(1, 1_700_000_000)), .. Field(8, 1), .. Field(9, "Normal"),
            .. Field(10, Field(1, 0), Field(2, 0))];
        var body = (byte[])[.. "k8s\0"u8, .. Field(1, Field(1, "v1"), Field(2, "Event")), .. Field(2, fields)];

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},"involvedObject":{"kind":"Pod","namespace":"default","name":"web","fieldPath":"spec.containers{app}"},"reason":"Pulled","mess"""
            + """age":"Image pulled","source":{"component":"kubelet","host":"n1"},"firstTimestamp":"2023-11-14T22:13:20Z","lastTimestamp":"2023-11-14T22:13:20Z","count":1,"type":"Normal"}""",
            ProtobufEnvelope.Decode(body).ToJsonString());
    }
}
