using PodLife.Core.Backoff;

namespace PodLife.Core.Tests.Backoff;

// pkg/kubelet/images/image_manager.go EnsureImageExists: ErrImagePull on each real pull failure,
// ImagePullBackOff on syncs inside the window (IsInBackOffSinceUpdate), 10s doubling to 5m.
public class ImagePullBackoffTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PullFailuresAlternateWithGrowingBackOffWindows()
    {
        BackoffEntry? entry = null;
        var timeline = new List<string>();
        // Kubelet syncs the pod every few seconds; simulate a sync every 5s for 3 minutes, all pulls failing.
        for (var t = 0; t <= 180; t += 5)
        {
            var now = T0.AddSeconds(t);
            if (ImagePullBackoff.IsInBackOff(entry, now)) timeline.Add($"{t}:{ImagePullBackoff.Reason}");
            else
            {
                timeline.Add($"{t}:ErrImagePull");
                entry = ImagePullBackoff.AfterFailedPull(entry, now);
            }
        }
        var pulls = timeline.Where(s => s.EndsWith(":ErrImagePull", StringComparison.Ordinal)).Select(s => s.Split(':')[0]);
        Assert.Equal(["0", "10", "30", "70", "150"], pulls);
    }

    [Fact]
    public void TheCapIsFiveMinutes()
    {
        BackoffEntry? entry = null;
        for (var i = 0; i < 10; i++) entry = ImagePullBackoff.AfterFailedPull(entry, T0.AddMinutes(i));
        Assert.Equal(TimeSpan.FromMinutes(5), entry!.Delay);
    }

    [Fact]
    public void MessagesMatchKubelet()
    {
        Assert.Equal("Back-off pulling image \"nginx:nope\"", ImagePullBackoff.EventMessage("nginx:nope"));
        Assert.Equal("Back-off pulling image \"nginx:nope\"", ImagePullBackoff.WaitingMessage("nginx:nope"));
        Assert.Equal("Back-off pulling image \"nginx:nope\": ErrImagePull: not found",
            ImagePullBackoff.WaitingMessage("nginx:nope", "ErrImagePull", "not found"));
        Assert.Equal("7a1c_nginx:nope", ImagePullBackoff.Key("7a1c", "nginx:nope"));
    }
}
