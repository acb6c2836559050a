using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// PriorityClass rules (pkg/registry/scheduling/priorityclass/strategy.go): defaults, validation, and the Priority
/// admission plugin's check that at most one class is the global default.
/// </summary>
public sealed class PriorityClassStrategy : ResourceStrategy
{
    public PriorityClassStrategy()
    {
        Defaults = Defaulting<V1PriorityClass>(PriorityClassDefaults.Apply);
        Table = KindTables.PriorityClasses;
        Validator = Validating<V1PriorityClass>((pc, old) => PriorityClassValidation.Validate(pc, old));
    }

    public override async Task AdmitAsync(ResourceStorage storage, JsonObject obj, JsonObject? old, CancellationToken ct)
    {
        var priorityClass = ObjectCodec.As<V1PriorityClass>(obj);
        if (priorityClass.GlobalDefault != true) return;
        var current = await PriorityClassLookup.GlobalDefaultAsync(storage, ct);
        if (PriorityAdmission.CheckGlobalDefault(priorityClass, current, update: old is not null) is { } why)
            throw Errors.Forbidden("scheduling.k8s.io", "priorityclasses", obj.Name(), why);
    }
}
