using Grpc.Net.Client;
using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

/// <summary>
/// The container runtime as kubelet uses it: CRI runtime.v1 over containerd's unix socket, so pods are real
/// sandboxes with real IPs and containers are real processes started by runc. Logs are CRI log files under
/// <see cref="CriRuntimeOptions.PodLogDirectory"/>.
/// </summary>
public sealed partial class CriRuntime : IContainerRuntime, IDisposable
{
    readonly CriRuntimeOptions _options;
    readonly GrpcChannel _channel;
    readonly V1.RuntimeService.RuntimeServiceClient _runtime;
    readonly V1.ImageService.ImageServiceClient _images;

    /// <summary>containerd's socket path.</summary>
    public string Socket => _options.Socket;

    public CriRuntime(CriRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _channel = CriChannel.ForUnixSocket(options.Socket);
        _runtime = new V1.RuntimeService.RuntimeServiceClient(_channel);
        _images = new V1.ImageService.ImageServiceClient(_channel);
    }

    /// <summary>The runtime's name and version, e.g. <c>containerd://1.6.20~ds1</c> (the node's containerRuntimeVersion).</summary>
    public Task<string> VersionAsync(CancellationToken cancellationToken = default) => CriCalls.RunAsync(async () =>
    {
        var v = await _runtime.VersionAsync(new V1.VersionRequest { Version = "v1" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return $"{v.RuntimeName}://{v.RuntimeVersion}";
    });

    /// <inheritdoc/>
    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var logDirectory = LogDirectory(config.Namespace, config.Name, config.Uid);
        // The runtime writes container logs into this directory but does not create it (kubelet does).
        Directory.CreateDirectory(logDirectory);
        return CriCalls.RunAsync(async () => (await _runtime.RunPodSandboxAsync(
            new V1.RunPodSandboxRequest { Config = CriConversions.ToCri(config, logDirectory) },
            cancellationToken: cancellationToken).ConfigureAwait(false)).PodSandboxId);
    }

    /// <inheritdoc/>
    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.StopPodSandboxAsync(
            new V1.StopPodSandboxRequest { PodSandboxId = podSandboxId }, cancellationToken: cancellationToken).ResponseAsync);

    /// <inheritdoc/>
    public async Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default)
    {
        var status = await CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.PodSandboxStatusAsync(
            new V1.PodSandboxStatusRequest { PodSandboxId = podSandboxId }, cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        if (status?.Status is not { } sandbox) return;
        await CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.RemovePodSandboxAsync(
            new V1.RemovePodSandboxRequest { PodSandboxId = podSandboxId }, cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        // kubelet removes a pod's logs with the pod; the runtime leaves the files behind.
        var logs = LogDirectory(sandbox.Metadata.Namespace, sandbox.Metadata.Name, sandbox.Metadata.Uid);
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
    }

    /// <inheritdoc/>
    public Task<PodSandboxStatus> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        CriCalls.RunAsync(async () => CriConversions.FromCri((await _runtime.PodSandboxStatusAsync(
            new V1.PodSandboxStatusRequest { PodSandboxId = podSandboxId }, cancellationToken: cancellationToken).ConfigureAwait(false)).Status));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken = default)
    {
        var list = await CriCalls.RunAsync(() => _runtime.ListPodSandboxAsync(new V1.ListPodSandboxRequest(), cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        var statuses = await Task.WhenAll(list.Items.Select(s => CriCalls.OrDefaultIfNotFoundAsync(() => PodSandboxStatusAsync(s.Id, cancellationToken)))).ConfigureAwait(false);
        return [.. statuses.OfType<PodSandboxStatus>()];
    }

    /// <inheritdoc/>
    public Task<string> PullImageAsync(string image, CancellationToken cancellationToken = default) =>
        CriCalls.RunAsync(async () => (await _images.PullImageAsync(
            new V1.PullImageRequest { Image = new V1.ImageSpec { Image = image } }, cancellationToken: cancellationToken).ConfigureAwait(false)).ImageRef);

    /// <inheritdoc/>
    public Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken = default) =>
        CriCalls.RunAsync(async () => (await _images.ImageStatusAsync(
            new V1.ImageStatusRequest { Image = new V1.ImageSpec { Image = image } }, cancellationToken: cancellationToken).ConfigureAwait(false)).Image
            is { } found ? CriConversions.FromCri(found) : null);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken = default) =>
        CriCalls.RunAsync(async () => (IReadOnlyList<ImageInfo>)[.. (await _images.ListImagesAsync(
            new V1.ListImagesRequest(), cancellationToken: cancellationToken).ConfigureAwait(false)).Images.Select(CriConversions.FromCri)]);

    /// <inheritdoc/>
    public Task RemoveImageAsync(string image, CancellationToken cancellationToken = default) =>
        CriCalls.OrDefaultIfNotFoundAsync(() => _images.RemoveImageAsync(
            new V1.RemoveImageRequest { Image = new V1.ImageSpec { Image = image } }, cancellationToken: cancellationToken).ResponseAsync);

    /// <summary>kubelet's pod log directory: <c>/var/log/pods/NAMESPACE_NAME_UID</c>.</summary>
    string LogDirectory(string ns, string name, string uid) => Path.Combine(_options.PodLogDirectory, $"{ns}_{name}_{uid}");

    public void Dispose() => _channel.Dispose();
}
