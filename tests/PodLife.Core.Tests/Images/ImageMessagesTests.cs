using PodLife.Core.Images;

namespace PodLife.Core.Tests.Images;

// pkg/kubelet/images/image_manager.go event messages, pkg/apis/core/v1/defaults.go SetDefaults_Container.
public class ImageMessagesTests
{
    [Fact]
    public void PulledReportsGoDurationsTruncatedToMilliseconds() => Assert.Equal(
        "Successfully pulled image \"nginx\" in 1.234s (1.5s including waiting). Image size: 72195292 bytes.",
        ImageMessages.Pulled("nginx", TimeSpan.FromMicroseconds(1_234_567), TimeSpan.FromMicroseconds(1_500_999), 72195292));

    [Fact]
    public void PullEventsQuoteTheImage()
    {
        Assert.Equal("Pulling image \"nginx:1.25\"", ImageMessages.Pulling("nginx:1.25"));
        Assert.Equal("Container image \"nginx:1.25\" already present on machine", ImageMessages.AlreadyPresent("nginx:1.25"));
        Assert.Equal("Failed to pull image \"nginx:nope\": not found", ImageMessages.FailedToPull("nginx:nope", "not found"));
        Assert.Equal("Container image \"app:dev\" is not present with pull policy of Never", ImageMessages.NotPresentWithNeverPull("app:dev"));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("nginx@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "Always")]
    [InlineData("Nginx", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    [InlineData(null, "IfNotPresent")]
    public void PullPolicyDefaultsToAlwaysOnlyForTheLatestTag(string? image, string expected) =>
        Assert.Equal(expected, ImagePullPolicyDefault.For(image));

    [Fact]
    public void ARememberedAnswerIsTheSameAsTheFirstAndStaysRightPastTheMemoLimit()
    {
        Assert.Equal(["Always", "Always", "IfNotPresent", "IfNotPresent"],
            new[] { "nginx", "nginx", "nginx:1.25", "nginx:1.25" }.Select(ImagePullPolicyDefault.For));
        for (var i = 0; i < 5000; i++) Assert.Equal(i % 2 == 0 ? "Always" : "IfNotPresent", ImagePullPolicyDefault.For(i % 2 == 0 ? $"img{i}:latest" : $"img{i}:v1"));
        Assert.Equal("Always", ImagePullPolicyDefault.For("nginx"));
    }
}
