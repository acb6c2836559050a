using System.Runtime.CompilerServices;
using System.Text;
using PodLife.ApiServer.Registry;
using PodLife.Store;

namespace PodLife.ApiServer.Tests.Registry;

// The watch fan-out's table of decoded changes: shared by watchers of the same change, bounded however long the store
// keeps the change objects in its rings.
public sealed class RecentDecodesTests
{
    static readonly ResourceDefinition Pods = ResourceCatalog.Create().Find("", "v1", "pods")!;

    static KeyValue Change(long revision) =>
        new($"/registry/pods/default/p{revision}", Encoding.UTF8.GetBytes("{\"metadata\":{\"name\":\"p" + revision + "\"}}"), revision, revision);

    [Fact]
    public void WatchersOfTheSameChangeShareOneDecodedObject()
    {
        var decodes = new RecentDecodes(slots: 8);
        var change = Change(5);

        Assert.Same(decodes.Get(Pods, change), decodes.Get(Pods, change));
        Assert.NotSame(decodes.Get(Pods, change), decodes.Get(Pods, Change(5))); // another object of the same revision
    }

    [Fact]
    public void OlderChangesAreLetGoWhileTheStoreStillHoldsThem()
    {
        var decodes = new RecentDecodes(slots: 8);
        var kept = Enumerable.Range(1, 100).Select(r => Change(r)).ToList(); // as the store's ring keeps them
        var first = Decode(decodes, kept[0]);
        foreach (var change in kept.Skip(1)) _ = decodes.Get(Pods, change).Object;

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(first.TryGetTarget(out _));
        GC.KeepAlive(kept);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference<StoredObject> Decode(RecentDecodes decodes, KeyValue change)
    {
        var decoded = decodes.Get(Pods, change);
        _ = decoded.Object;
        return new(decoded);
    }
}
