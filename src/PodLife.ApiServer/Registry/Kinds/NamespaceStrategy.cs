using System.Text.Json.Nodes;
using PodLife.ApiServer.Tables;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>Namespace rules (pkg/registry/core/namespace/strategy.go): phase Active and the kubernetes finalizer on create.</summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public NamespaceStrategy()
    {
        HasStatus = true;
        Table = NamespaceTable.Instance;
        SelectableFields = ["status.phase"];
    }

    public override void PrepareForCreate(JsonObject ns, DateTimeOffset now)
    {
        base.PrepareForCreate(ns, now);
        ns["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        ns["status"] = new JsonObject { ["phase"] = "Active" };
        // Every namespace carries its own name as a label (NamespaceDefaultLabelName, 1.21+).
        var meta = ns.Metadata();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = [];
        labels["kubernetes.io/metadata.name"] = ns.Name();
    }
}
