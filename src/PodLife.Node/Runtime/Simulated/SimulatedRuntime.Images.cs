using PodLife.Node.Runtime.Simulated.Images;

namespace PodLife.Node.Runtime.Simulated;

// Images: pulls take the catalog's pull time on the simulation clock; failures are worded as containerd's.
public sealed partial class SimulatedRuntime
{
    readonly Dictionary<string, (ImageInfo Info, ResolvedImage Image)> _images = [];

    /// <inheritdoc/>
    public Task<string> PullImageAsync(string image, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pulled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gate)
        {
            var lookup = _options.Catalog.Resolve(image);
            if (lookup.Image is not { } resolved)
            {
                return Task.FromException<string>(new ContainerRuntimeException(lookup.Code, lookup.Error));
            }
            if (resolved.Image.PullSeconds == 0)
            {
                Store(resolved);
                return Task.FromResult(resolved.Id);
            }
            var registration = default(CancellationTokenRegistration);
            var item = _scheduler.Schedule(TimeSpan.FromSeconds(resolved.Image.PullSeconds), () =>
            {
                // Unregister does not wait for a running callback, which would wait for the gate held here.
                registration.Unregister();
                Store(resolved);
                pulled.TrySetResult(resolved.Id);
            });
            registration = cancellationToken.Register(() =>
            {
                lock (Gate) item.Cancel();
                pulled.TrySetCanceled(cancellationToken);
            });
        }
        return pulled.Task;
    }

    /// <inheritdoc/>
    public Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => FindImage(image)?.Info);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => (IReadOnlyList<ImageInfo>)[.. _images.Values.Select(i => i.Info)]);

    /// <inheritdoc/>
    public Task RemoveImageAsync(string image, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => FindImage(image) is { } found && _images.Remove(found.Info.Id));

    void Store(ResolvedImage image)
    {
        var tags = _images.TryGetValue(image.Id, out var old) ? old.Info.RepoTags : [];
        var name = image.Name.Tag is null ? [] : new[] { image.Name.ToString() };
        _images[image.Id] = (new ImageInfo(image.Id, [.. tags.Union(name)], [image.RepoDigest], image.Image.SizeBytes), image);
    }

    (ImageInfo Info, ResolvedImage Image)? FindImage(string image)
    {
        if (image.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return _images.TryGetValue(image, out var byId) ? byId : null;
        }
        if (!ImageName.TryParse(image, out var name, out _)) return null;
        var text = name.ToString();
        var digestRef = name.Digest is null ? null : name.Repository + "@" + name.Digest;
        return _images.Values
            .Where(i => i.Info.RepoTags.Contains(text) || i.Info.RepoDigests.Contains(digestRef))
            .Select(i => ((ImageInfo, ResolvedImage)?)i)
            .FirstOrDefault();
    }
}
