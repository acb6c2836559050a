using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>kubectl's namespace columns (printers.go printNamespace): NAME STATUS AGE.</summary>
public static class NamespaceTable
{
    public static readonly ResourceTable Instance = new ResourceTable.Simple(
        [ResourceTable.NameColumn, new("Status", "string", "", "The status of the namespace"), ResourceTable.AgeColumn],
        (ns, now) => [ns.Name(), ns.At("status.phase"), ResourceTable.Age(ns, now)]);
}
