using PodLife.Store.Etcd;
using PodLife.Testing;

namespace PodLife.Store.Tests;

public sealed class EtcdHighAvailabilityTests
{
    [Fact]
    public async Task KillingTheLeaderOfThreeMembersLosesNoAcknowledgedWriteAndTheStoreKeepsServing()
    {
        await using var cluster = await EtcdCluster.StartAsync(size: 3);
        // Two API servers sharing the cluster, as in a distributed control plane.
        await using var first = new EtcdStore(cluster.Endpoints, "/ha");
        await using var second = new EtcdStore(cluster.Endpoints, "/ha");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        async Task WriteAsync(IStore store, string writer)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"/registry/pods/ha/{writer}-{i}";
                try { acknowledged.Add((await store.CreateAsync(key, [1])).Key); }
                catch (StoreException) { } // not acknowledged: the client may retry; it must not be counted
            }
        }

        var watch = first.WatchAsync("/registry/pods/ha/", await first.CurrentRevisionAsync()).GetAsyncEnumerator();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() => WriteAsync(w % 2 == 0 ? first : second, $"w{w}"))).ToList();
        await Task.Delay(1000);
        var before = acknowledged.Count;
        // The leader is the hard case: the others must elect a new one before any write can commit.
        var leader = await cluster.LeaderIndexAsync();
        await cluster.StopMemberAsync(leader);
        var newLeader = await cluster.LeaderIndexAsync();
        Assert.NotEqual(leader, newLeader);
        await Task.Delay(3000);
        var afterStop = acknowledged.Count;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(before > 0, "nothing was written before the member stopped");
        Assert.True(afterStop > before, $"no write was acknowledged after a member stopped ({before} before)");
        var present = (await second.ListAsync("/registry/pods/ha/", ListOptions.All)).Items.Select(i => i.Key).ToHashSet();
        Assert.All(acknowledged, k => Assert.Contains(k, present));

        // The watch started before the failure still sees every write, in order, exactly once.
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < present.Count && await watch.MoveNextAsync().AsTask().WaitAsync(timeout.Token)) seen.Add(watch.Current.Kv.Key);
        await watch.DisposeAsync();
        Assert.Equal(present.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }
}
