using System.Collections.Concurrent;
using System.Text;
using k8s.Models;
using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Volumes;

/// <summary>
/// Pod volumes on a simulated node: kubelet's pod directories as the simulated runtime's host directories, so an
/// emptyDir is shared by the containers that mount it and a configMap, secret, downwardAPI or projected volume holds its
/// files; a ConfigMap or Secret that is missing holds the pod in ContainerCreating with FailedMount, as on a real node.
/// </summary>
/// <remarks>
/// The service account volume every pod gets is not set up: its token could not be used, and reading the root CA for
/// each of 100,000 pods would cost the API a read per pod. The runtime reads termination messages from the container's
/// own files, so no termination-log file is mounted. A subPath mounts that directory or file of the volume.
/// </remarks>
public sealed class SimulatedPodVolumes(SimulatedRuntime runtime) : IPodVolumes
{
    static readonly KubeletDirectories Directories = new("/var/lib/kubelet");
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> _podDirectories = new(StringComparer.Ordinal);

    public IEnumerable<V1Volume> Served(V1Pod pod) => (pod?.Spec?.Volumes ?? []).Where(v => !VolumePlans.IsServiceAccountVolume(v));

    public Task SetUpAsync(string podUid, IReadOnlyList<VolumeSetup> volumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var made = new List<string>();
        foreach (var volume in volumes)
        {
            var dir = Directories.Volume(podUid, volume);
            if (volume.HostPath is null) made.Add(dir);
            if (volume.Files is null) runtime.MakeHostDirectory(dir);
            else runtime.ReplaceHostFiles(dir, volume.Files.Select(f => KeyValuePair.Create(f.Path, Encoding.UTF8.GetString(f.Content))));
        }
        // A refresh sets up only the volumes that changed: the pod keeps every directory made for it.
        if (made.Count > 0) _podDirectories.AddOrUpdate(podUid, made, (_, earlier) => [.. earlier.Union(made, StringComparer.Ordinal)]);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Mount>> MountsAsync(string podUid, V1Container container, int attempt, IReadOnlyList<VolumeSetup> volumes,
        CancellationToken cancellationToken = default) =>
        // Most simulated pods (every benchmark pod) have no volume the node sets up: nothing to work out per container.
        Task.FromResult(volumes.Count == 0 ? [] : ContainerMounts.For(container, volumes, v => Directories.Volume(podUid, v)));

    public Task<string> TerminationMessageAsync(string podUid, string container, int attempt, CancellationToken cancellationToken = default) =>
        Task.FromResult("");

    public Task TearDownAsync(string podUid, CancellationToken cancellationToken = default)
    {
        if (_podDirectories.TryRemove(podUid, out var dirs))
        {
            foreach (var dir in dirs) runtime.RemoveHostDirectory(dir);
        }
        return Task.CompletedTask;
    }
}
