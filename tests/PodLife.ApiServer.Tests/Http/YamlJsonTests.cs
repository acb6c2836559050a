using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Tests.Http;

/// <summary>YAML bodies read as sigs.k8s.io/yaml reads them (YAMLToJSON).</summary>
public class YamlJsonTests
{
    static string Convert(string yaml) => YamlJson.Convert(System.Text.Encoding.UTF8.GetBytes(yaml))!.ToJsonString();

    [Theory]
    [InlineData("a: 1", """{"a":1}""")]
    [InlineData("a: \"1\"", """{"a":"1"}""")]
    [InlineData("a: true\nb: 'false'", """{"a":true,"b":"false"}""")]
    [InlineData("a: ~\nb:", """{"a":null,"b":null}""")]
    [InlineData("a: 1.5\nb: busybox:1.36", """{"a":1.5,"b":"busybox:1.36"}""")]
    [InlineData("a: [x, 2]\nb: {c: d}", """{"a":["x",2],"b":{"c":"d"}}""")]
    [InlineData("a: 1\n---\nb: 2", """{"a":1}""")]
    public void ScalarsKeepTheirYamlTypes(string yaml, string json) => Assert.Equal(json, Convert(yaml));

    [Theory]
    [InlineData("a: [1, 2")]
    [InlineData("a: b: c")]
    [InlineData("? [a]\n: b")]
    public void MalformedYamlIsABadRequest(string yaml)
    {
        var e = Assert.Throws<StatusException>(() => Convert(yaml));
        Assert.Equal(400, e.Code);
        Assert.StartsWith("error converting YAML to JSON: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasesThatExpandPastTheLimitAreRefused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++) yaml += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
        Assert.Equal(400, Assert.Throws<StatusException>(() => Convert(yaml)).Code);
    }
}
