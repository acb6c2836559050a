using System.Text;
using PodLife.Cli.Bench;

namespace PodLife.E2E.Tests;

// The bench's paged list reads each page's continue token without decoding its rows.
public sealed class PagedListAllTests
{
    [Theory]
    [InlineData("""{"kind":"Table","metadata":{"resourceVersion":"9","continue":"eyJ2IjoxfQ","remainingItemCount":3},"rows":[]}""", "eyJ2IjoxfQ")]
    [InlineData("""{"kind":"Table","rows":[{"cells":["a"],"object":{"metadata":{"continue":"not this"}}}],"metadata":{"continue":"a\u002Fb"}}""", "a/b")]
    [InlineData("""{"kind":"Table","metadata":{"resourceVersion":"9"},"rows":[]}""", null)]
    [InlineData("""{"kind":"Table","metadata":{"continue":""},"rows":[]}""", "")]
    [InlineData("""{"kind":"Status","metadata":{},"code":410}""", null)]
    public void TheContinueTokenIsReadFromTheListMetadata(string page, string? expected) =>
        Assert.Equal(expected, PagedListAll.ContinueOf(Encoding.UTF8.GetBytes(page)));
}
