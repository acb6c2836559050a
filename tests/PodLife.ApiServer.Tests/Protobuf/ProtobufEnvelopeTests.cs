using PodLife.ApiServer.Protobuf;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>Bodies exactly as kubectl 1.32 sent them (captured with -v=8), decoded to the JSON the same object marshals to.</summary>
public class ProtobufEnvelopeTests
{
    static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    // kubectl create namespace x
    const string CreateNamespace = "6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 19 0a 11 0a 01 78 12 00 1a 00"
        + " 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00";

    // kubectl create secret generic s1 --from-literal=a=b --type=foo
    const string CreateSecret = "6b 38 73 00 0a 0c 0a 02 76 31 12 06 53 65 63 72 65 74 12 21 0a 12 0a 02 73 31 12 00 1a 00 22 00"
        + " 2a 00 32 00 38 00 42 00 12 06 0a 01 61 12 01 62 1a 03 66 6f 6f 1a 00 22 00";

    // kubectl create serviceaccount sa1
    const string CreateServiceAccount = "6b 38 73 00 0a 14 0a 02 76 31 12 0e 53 65 72 76 69 63 65 41 63 63 6f 75 6e 74 12 15 0a 13 0a 03"
        + " 73 61 31 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 1a 00 22 00";

    [Theory]
    [InlineData(CreateNamespace, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"},"spec":{},"status":{}}""")]
    [InlineData(CreateSecret, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1"},"data":{"a":"Yg=="},"type":"foo"}""")]
    [InlineData(CreateServiceAccount, """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa1"}}""")]
    public void KubectlsProtobufBodiesDecodeToTheJsonOfTheSameObject(string body, string json) =>
        Assert.Equal(json, ProtobufEnvelope.Decode(Hex(body)).ToJsonString());

    [Fact]
    public void AConfigMapKeepsItsTextAndBinaryDataApart()
    {
        // ConfigMap{metadata{name:cm, labels{app:web}}, data{a:b}, binaryData{bin:0x00ff}, immutable:false}
        var raw = Hex("0a 10 0a 02 63 6d 5a 0a 0a 03 61 70 70 12 03 77 65 62 12 06 0a 01 61 12 01 62 1a 09 0a 03 62 69 6e 12 02 00 ff 20 00");
        var body = Hex("6b 38 73 00 0a 0f 0a 02 76 31 12 09 43 6f 6e 66 69 67 4d 61 70 12").Concat([(byte)raw.Length]).Concat(raw).ToArray();
        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","labels":{"app":"web"}},"data":{"a":"b"},"binaryData":{"bin":"AP8="},"immutable":false}""",
            ProtobufEnvelope.Decode(body).ToJsonString());
    }

    [Theory]
    [InlineData("7b 7d", "does not appear to be a protobuf message")] // JSON sent with the protobuf content type
    [InlineData("6b 38 73 00 0a", "unexpected EOF")]
    [InlineData("6b 38 73 00 0a 02 0a 02", "unexpected EOF")]
    [InlineData("6b 38 73 00 0a 00", "Object 'Kind' is missing")]
    [InlineData("6b 38 73 00 2f", "illegal wireType 7")]
    [InlineData("6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 05 0d 00 00 00 00", "wrong wireType = 5 for field metadata")]
    public void BrokenBodiesAreRefusedWithTheDecodersReason(string body, string reason)
    {
        var e = Assert.Throws<ProtobufException>(() => ProtobufEnvelope.Decode(Hex(body)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKindWithoutASchemaIsReportedSoTheServerCanAskForJson()
    {
        var body = Hex("6b 38 73 00 0a 0f 0a 02 76 31 12 09 45 6e 64 70 6f 69 6e 74 73");
        var e = Assert.Throws<UnsupportedKindException>(() => ProtobufEnvelope.Decode(body));
        Assert.Equal("Endpoints", e.Kind);
    }
}
