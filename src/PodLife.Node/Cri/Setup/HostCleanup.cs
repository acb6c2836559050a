namespace PodLife.Node.Cri.Setup;

/// <summary>Removes what the CNI bridge plugin leaves on the host once every pod is gone: the bridge itself.</summary>
public static class HostCleanup
{
    /// <summary>Deletes <paramref name="bridge"/> if it exists (its veths went with the pods' network namespaces).</summary>
    public static async Task RemoveBridgeAsync(string bridge)
    {
        if (!System.IO.Directory.Exists($"/sys/class/net/{bridge}")) return;
        await ProcessRun.RunAsync("ip", ["link", "delete", bridge], CancellationToken.None).ConfigureAwait(false);
    }
}
