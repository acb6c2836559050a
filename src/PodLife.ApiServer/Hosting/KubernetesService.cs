using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Registry.Kinds;

namespace PodLife.ApiServer.Hosting;

/// <summary>
/// The "kubernetes" Service in namespace default, which every cluster has (kube-apiserver's kubernetesservice controller
/// creates it and keeps its port on the server's secure port): the first address of the service range, port 443.
/// </summary>
static class KubernetesService
{
    public const string Name = "kubernetes";

    /// <summary>How often a deleted Service is looked for and created again (kube's controller: every 10 s).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates the Service again whenever it has been deleted, looking every <see cref="Interval"/> of
    /// <paramref name="clock"/> until <paramref name="ct"/> is cancelled. As kube's, it does not undo edits.
    /// </summary>
    public static async Task KeepAsync(ResourceStorage storage, int securePort, TimeProvider clock, CancellationToken ct)
    {
        var def = storage.Catalog.Find("", "v1", "services");
        if (def is null) return;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, ct);
                await CreateIfMissingAsync(storage, def, securePort, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            // Created by another replica meanwhile, or a failing store: the next look decides.
            catch (Exception e) when (e is not OperationCanceledException) { }
        }
    }

    /// <summary>Creates the Service, or points its target port at <paramref name="securePort"/> when it names another.</summary>
    public static async Task EnsureAsync(ResourceStorage storage, int securePort, CancellationToken ct)
    {
        var def = storage.Catalog.Find("", "v1", "services");
        if (def is null) return;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (await CreateIfMissingAsync(storage, def, securePort, ct)) return;
                await storage.GuaranteedUpdateAsync(def, "default", Name, WriteScope.Object, false, service =>
                {
                    if (service["spec"]?["ports"] is JsonArray ports && ports.Count == 1 && ports[0] is JsonObject port)
                        port["targetPort"] = securePort;
                    return service;
                }, ct);
                return;
            }
            catch (Http.StatusException e) when (e.Code is 404 or 409)
            {
                // Created or deleted by another replica meanwhile: look again.
            }
        }
    }

    /// <summary>Creates the Service when there is none; true when it did.</summary>
    static async Task<bool> CreateIfMissingAsync(ResourceStorage storage, ResourceDefinition def, int securePort, CancellationToken ct)
    {
        if (await storage.Store.GetAsync(def.Key("default", Name), ct) is not null) return false;
        await storage.CreateAsync(def, "default", Body(securePort), false, ct);
        return true;
    }

    static JsonObject Body(int securePort) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = "default",
            ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
        },
        ["spec"] = new JsonObject
        {
            ["clusterIP"] = ServiceAddresses.KubernetesServiceIP,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = securePort }),
            ["sessionAffinity"] = "None",
            ["type"] = "ClusterIP",
        },
    };
}
