using PodLife.ApiServer.Http;
using PodLife.ApiServer.Logs;

namespace PodLife.ApiServer.Tests.Logs;

/// <summary>pods/log query checks (ValidatePodLogOptions, pkg/apis/core/validation/validation.go).</summary>
public class PodLogOptionsTests
{
    static PodLogOptions Parse(string query)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return PodLogOptions.Parse(name => values.GetValueOrDefault(name), "x");
    }

    [Theory]
    [InlineData("tailLines=-1", 422, "PodLogOptions \"x\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", 422, "PodLogOptions \"x\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=0", 422, "PodLogOptions \"x\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z", 422, "PodLogOptions \"x\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    [InlineData("tailLines=ten", 400, "strconv.ParseInt: parsing \"ten\": invalid syntax")]
    [InlineData("follow=maybe", 400, "strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    public void BadOptionsAreRefusedAsKubeApiserverRefusesThem(string query, int code, string message)
    {
        var e = Assert.Throws<StatusException>(() => Parse(query));
        Assert.Equal((code, message), (e.Code, e.Message));
    }

    [Fact]
    public void GoBooleansAndNumbersAreRead()
    {
        var options = Parse("follow=1&previous=True&timestamps=t&tailLines=3&limitBytes=10&container=app");
        Assert.Equal(new PodLogOptions("app", true, true, true, 3, null, null, 10), options);
    }

    [Fact]
    public void SinceTimeBecomesSecondsBeforeNow()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:01:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(60, Parse("sinceTime=2026-01-01T00:00:00Z").Query("ns", "x", "app", now).SinceSeconds);
    }
}
