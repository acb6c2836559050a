using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>Namespace rules (pkg/registry/core/namespace/strategy.go): phase Active and the kubernetes finalizer on create.</summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public NamespaceStrategy()
    {
        HasStatus = true;
        Table = KindTables.Namespaces;
        SelectableFields = ["status.phase"];
        Validator = Validating<V1Namespace>((ns, old) => KindValidation.Namespace(ns, old));
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
