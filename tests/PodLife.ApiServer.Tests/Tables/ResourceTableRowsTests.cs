using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Tables;

namespace PodLife.ApiServer.Tests.Tables;

/// <summary>A long list's rows are printed on every core: the same rows, in the same order, and the same errors.</summary>
public sealed class ResourceTableRowsTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    static JsonObject Pod(int i) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = $"p{i}", ["namespace"] = "default", ["creationTimestamp"] = Now.AddMinutes(-i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }), ["nodeName"] = $"n{i % 7}" },
        ["status"] = new JsonObject
        {
            ["phase"] = i % 3 == 0 ? "Pending" : "Running",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "c",
                ["ready"] = i % 2 == 0,
                ["restartCount"] = i % 5,
                ["state"] = i % 2 == 0 ? new JsonObject { ["running"] = new JsonObject() } : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } },
            }),
        },
    };

    [Fact]
    public void TheRowsOfALongListAreEachItemsOwnRowInOrder()
    {
        var items = Enumerable.Range(0, 300).Select(i => StoredObject.Of(Pod(i))).ToList();

        var rows = KindTables.Pods.Rows(items, Now);

        Assert.Equal(items.Count, rows.Length);
        for (var i = 0; i < items.Count; i++)
        {
            var alone = KindTables.Pods.Rows([StoredObject.Of(Pod(i))], Now)[0];
            Assert.Equal(alone.Cells, rows[i].Cells);
        }
        Assert.Equal(["p0", "1/1", "Pending", "0", "0s"], rows[0].Cells.Take(5));
        Assert.Equal(["p299", "0/1", "CrashLoopBackOff", "4", "4h59m"], rows[299].Cells.Take(5));
    }

    [Fact]
    public void AFailingRowFailsTheListWithItsOwnError()
    {
        var table = new ResourceTable([ResourceTable.NameColumn], (o, _) =>
            o.Name() == "p250" ? throw new InvalidOperationException("p250 cannot be printed") : [o.Name()]);
        var items = Enumerable.Range(0, 300).Select(i => StoredObject.Of(Pod(i))).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => table.Rows(items, Now));

        Assert.Equal("p250 cannot be printed", error.Message);
    }
}
