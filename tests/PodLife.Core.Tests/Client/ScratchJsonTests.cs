using System.Text;
using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

public sealed class ScratchJsonTests
{
    [Fact]
    public void ACallInsideAnotherCallsWriterGetsItsOwnBufferAndLeavesTheOuterDocumentWhole()
    {
        var outer = ScratchJson.Use(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("outer", "before");
            // The inner document is written and read while the outer one is half written on this thread.
            var inner = ScratchJson.Use(0, static (iw, _) => iw.WriteStringValue("inner"), static json => Encoding.UTF8.GetString(json));
            w.WriteString("seen", inner);
            w.WriteEndObject();
        }, static json => Encoding.UTF8.GetString(json));

        Assert.Equal("""{"outer":"before","seen":"\u0022inner\u0022"}""", outer);
    }

    [Fact]
    public void DecodesWhatItWroteWithTheModelsOptionsAndTheWriterOptionsAsked()
    {
        var pod = ScratchJson.Decode<V1Pod, string>("box", static (w, name) =>
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("name", name);
            w.WriteString("creationTimestamp", "2026-12-04T20:01:02Z");
            w.WriteEndObject();
            w.WriteEndObject();
        });
        Assert.Equal("box", pod!.Metadata.Name);
        Assert.Equal(new DateTime(2026, 12, 4, 20, 1, 2, DateTimeKind.Utc), pod.Metadata.CreationTimestamp);

        var indented = ScratchJson.Use(0, static (w, _) => { w.WriteStartObject(); w.WriteNumber("a", 1); w.WriteEndObject(); },
            static json => Encoding.UTF8.GetString(json), new JsonWriterOptions { Indented = true, NewLine = "\n" });
        var compact = ScratchJson.Use(0, static (w, _) => { w.WriteStartObject(); w.WriteNumber("a", 1); w.WriteEndObject(); },
            static json => Encoding.UTF8.GetString(json));
        Assert.Equal("{\n  \"a\": 1\n}", indented);
        Assert.Equal("""{"a":1}""", compact);
    }

    [Fact]
    public void AHugeDocumentThenASmallOneAreBothWhole()
    {
        var big = new string('x', 200_000);
        Assert.Equal(big.Length + 2, ScratchJson.Use(big, static (w, s) => w.WriteStringValue(s), static json => json.Length));
        Assert.Equal("\"y\"", ScratchJson.Use("y", static (w, s) => w.WriteStringValue(s), static json => Encoding.UTF8.GetString(json)));
    }
}
