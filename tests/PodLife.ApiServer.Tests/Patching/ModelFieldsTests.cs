using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

public class ModelFieldsTests
{
    [Theory]
    [InlineData(typeof(IDictionary<string, string>), true, false, typeof(string))]
    [InlineData(typeof(Dictionary<string, ResourceQuantity>), true, false, typeof(ResourceQuantity))]
    [InlineData(typeof(IList<V1Container>), false, true, typeof(V1Container))]
    [InlineData(typeof(List<string>), false, true, typeof(string))]
    [InlineData(typeof(string[]), false, true, typeof(string))]
    [InlineData(typeof(string), false, false, null)]
    [InlineData(typeof(V1PodSpec), false, false, null)]
    [InlineData(typeof(long?), false, false, null)]
    public void AFieldTypeIsAMapAListOrNeither(Type type, bool map, bool list, Type? item)
    {
        // Asked twice: the second answer comes from the per-type cache and must be the same.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(map, ModelFields.IsMap(type));
            Assert.Equal(list, ModelFields.IsList(type));
            Assert.Equal(item, ModelFields.ItemType(type));
        }
    }

    [Fact]
    public void NoTypeHasNoItemType() => Assert.Null(ModelFields.ItemType(null));
}
