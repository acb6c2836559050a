using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

public sealed class StringMapsTests
{
    [Fact]
    public void A_missing_map_equals_an_empty_one_and_nothing_else()
    {
        Assert.True(StringMaps.Same(null, new Dictionary<string, string>()));
        Assert.True(StringMaps.Same(new Dictionary<string, string>(), null));
        Assert.False(StringMaps.Same(null, new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Maps_are_the_same_when_every_key_has_the_same_value_whatever_the_order()
    {
        var a = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };

        Assert.True(StringMaps.Same(a, new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" }));
        Assert.False(StringMaps.Same(a, new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }));
        Assert.False(StringMaps.Same(a, new Dictionary<string, string> { ["app"] = "web", ["zone"] = "front" }));
        Assert.False(StringMaps.Same(a, new Dictionary<string, string> { ["app"] = "web" }));
    }
}
