using System.Text.Json.Nodes;
using PodLife.ApiServer.Protobuf;
using static PodLife.ApiServer.Tests.Protobuf.ProtobufTestObjects;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>
/// Bodies encoded by Google.Protobuf decode to exactly the JSON of the same object (before the server's defaults could
/// hide a difference): zero values dropped where Go omits them, kept where it does not.
/// </summary>
public class ProtobufDecodeTests
{
    static ProtoBuilder P() => new();

    static string Sorted(JsonNode? node) => Sort(node)!.ToJsonString();

    static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sort)]),
        _ => node?.DeepClone(),
    };

    static void AssertSameObject(string json, byte[] protobuf) =>
        Assert.Equal(Sorted(JsonNode.Parse(json)), Sorted(ProtobufEnvelope.Decode(protobuf)));

    [Fact]
    public void APodWithEveryVolumeSourceAndAffinityDecodesToItsJson() =>
        AssertSameObject(PodJson("web")[..^1] + ",\"status\":{}}",
            ProtoBuilder.Envelope("v1", "Pod", Pod("web")));

    [Fact]
    public void AFullNodeDecodesToItsJson() => AssertSameObject(NodeJson("n1"), ProtoBuilder.Envelope("v1", "Node", Node("n1")));

    [Fact]
    public void AFullEventsV1EventDecodesToItsJson() => AssertSameObject(EventJson("e1"), ProtoBuilder.Envelope("events.k8s.io/v1", "Event", Event("e1")));

    [Fact]
    public void PodFieldsNewerThanKubectl132DecodeToTheirJson()
    {
        var container = P().Str(1, "app").Str(2, "busybox")
            .Msg(7, P().Str(1, "TOKEN").Msg(3, P().Msg(5, P().Str(1, "envs").Str(2, "app.env").Str(3, "TOKEN").Bool(4, false))))
            .Msg(8, P().Quantity(1, "cpu", "1").Msg(3, P().Str(1, "gpu").Str(2, "first")))
            .Str(24, "Never").Msg(25, P().Str(1, "Restart").Msg(2, P().Str(1, "In").Int(2, 42).Int(2, 43)))
            .Msg(15, P().Msg(10, P().Str(3, "ContainerUser").Bool(4, false))
                .Msg(13, P().Str(1, "nofile").Int(2, 0).Int(3, 1024)))
            .Msg(12, P().Str(3, "SIGUSR1"));
        var spec = P().Msg(2, container)
            .Msg(1, P().Str(1, "certs").Msg(2, P().Msg(26, P().Msg(1, P().Msg(6, P().Str(1, "example.com/s").Str(2, "ED25519").Int(3, 3600)
                .Str(4, "bundle.pem").Str(5, "").Str(6, "").Entry(7, "example.com/x", "y"))))))
            .Msg(34, P().Msg(1, P().Str(1, "debugger").Str(2, "busybox").Bool(16, true)).Str(2, "app"))
            .Msg(39, P().Str(1, "gpu").Str(4, "gpu-template"))
            .Msg(40, P().Quantity(1, "memory", "1Gi"))
            .Str(41, "override").Msg(42, P().Str(1, "training").Str(2, "workers"));
        var status = P().Str(1, "Running")
            .Msg(8, P().Str(1, "app").Bool(4, true).Int(5, 0).Str(6, "busybox").Str(7, "docker.io/library/busybox@sha256:1")
                .Msg(12, P().Str(1, "certs").Str(2, "/certs").Bool(3, true).Str(4, "Disabled")
                    .Msg(5, P().Msg(1, P().Str(1, "sha256:2"))))
                .Msg(13, P().Msg(1, P().Int(1, 0).Int(2, 0).Packed(3, 10, 20)))
                .Msg(14, P().Str(1, "claim:gpu/first").Msg(2, P().Str(1, "dev-1").Str(2, "Healthy")))
                .Str(15, "SIGTERM"))
            .Msg(15, P().Str(1, "gpu").Str(2, "web-gpu-abc"))
            .Msg(18, P().Msg(1, P().Str(1, "app").Str(2, "example.com/gpu").Str(3, "container-0-request-0")).Str(2, "web-extended"))
            .Quantity(19, "memory", "1Gi").Msg(20, P().Quantity(2, "memory", "1Gi"));
        var pod = P().Msg(1, P().Str(1, "web")).Msg(2, spec).Msg(3, status);

        AssertSameObject("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
             "spec":{"containers":[{"name":"app","image":"busybox",
               "env":[{"name":"TOKEN","valueFrom":{"fileKeyRef":{"volumeName":"envs","path":"app.env","key":"TOKEN","optional":false}}}],
               "resources":{"limits":{"cpu":"1"},"claims":[{"name":"gpu","request":"first"}]},
               "restartPolicy":"Never","restartPolicyRules":[{"action":"Restart","exitCodes":{"operator":"In","values":[42,43]}}],
               "securityContext":{"windowsOptions":{"runAsUserName":"ContainerUser","hostProcess":false},"ulimits":[{"name":"nofile","hard":0,"soft":1024}]},
               "lifecycle":{"stopSignal":"SIGUSR1"}}],
              "volumes":[{"name":"certs","projected":{"sources":[{"podCertificate":{"signerName":"example.com/s","keyType":"ED25519",
               "maxExpirationSeconds":3600,"credentialBundlePath":"bundle.pem","userAnnotations":{"example.com/x":"y"}}}]}}],
              "ephemeralContainers":[{"name":"debugger","image":"busybox","stdin":true,"targetContainerName":"app"}],
              "resourceClaims":[{"name":"gpu","resourceClaimTemplateName":"gpu-template"}],"resources":{"limits":{"memory":"1Gi"}},
              "hostnameOverride":"override","workloadRef":{"name":"training","podGroup":"workers"}},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"busybox",
               "imageID":"docker.io/library/busybox@sha256:1",
               "volumeMounts":[{"name":"certs","mountPath":"/certs","readOnly":true,"recursiveReadOnly":"Disabled","volumeStatus":{"image":{"imageRef":"sha256:2"}}}],
               "user":{"linux":{"uid":0,"gid":0,"supplementalGroups":[10,20]}},
               "allocatedResourcesStatus":[{"name":"claim:gpu/first","resources":[{"resourceID":"dev-1","health":"Healthy"}]}],"stopSignal":"SIGTERM"}],
              "resourceClaimStatuses":[{"name":"gpu","resourceClaimName":"web-gpu-abc"}],
              "extendedResourceClaimStatus":{"requestMappings":[{"containerName":"app","resourceName":"example.com/gpu","requestName":"container-0-request-0"}],
               "resourceClaimName":"web-extended"},
              "allocatedResources":{"memory":"1Gi"},"resources":{"requests":{"memory":"1Gi"}}}}
            """, ProtoBuilder.Envelope("v1", "Pod", pod));
    }

    [Fact]
    public void ABindingDecodesToItsJson() =>
        AssertSameObject("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web","namespace":"default"},"target":{"kind":"Node","name":"n1"}}""",
            ProtoBuilder.Envelope("v1", "Binding", P().Msg(1, P().Str(1, "web").Str(3, "default")).Msg(2, P().Str(1, "Node").Str(3, "n1"))));

    [Fact]
    public void PackedAndUnpackedIntegerListsDecodeAlike()
    {
        static JsonNode Groups(ProtoBuilder securityContext) =>
            ProtobufEnvelope.Decode(ProtoBuilder.Envelope("v1", "Pod", P().Msg(2, P().Msg(14, securityContext))))["spec"]!["securityContext"]!;

        Assert.Equal("""{"supplementalGroups":[1000,2000,3000]}""", Groups(P().Packed(4, 1000, 2000).Int(4, 3000)).ToJsonString());
        Assert.Equal("""{"supplementalGroups":[1000,2000,3000]}""", Groups(P().Int(4, 1000).Int(4, 2000).Int(4, 3000)).ToJsonString());
    }

    [Theory]
    [InlineData("v1", "Node", 3, "status")]
    [InlineData("events.k8s.io/v1", "Event", 3, "series")]
    [InlineData("v1", "Binding", 2, "target")]
    public void AFieldNumberThisServerDoesNotKnowIsRefusedNotDropped(string apiVersion, string kind, int field, string path)
    {
        var body = ProtoBuilder.Envelope(apiVersion, kind, P().Msg(field, P().Str(99, "x")));

        var e = Assert.Throws<ProtobufException>(() => ProtobufEnvelope.Decode(body));
        Assert.Equal($"proto: field number 99 of {path} is not supported by this server", e.Message);
    }
}
