using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Registry.Kinds;

namespace PodLife.ApiServer.Logs;

/// <summary>
/// Serves pods/log (LogREST, pkg/registry/core/pod/rest/log.go): picks the container, checks from the pod's status
/// that it has a log, reads it from the node's <see cref="IPodLogSource"/>, and with follow keeps sending new lines
/// until the container's instance stops running.
/// </summary>
public sealed class PodLogStreamer(ResourceStorage storage, IPodLogSource source, TimeProvider clock)
{
    /// <summary>How often a followed log is read again.</summary>
    public static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    public async Task ServeAsync(HttpContext ctx, ResourceDefinition pods, string ns, string name)
    {
        var ct = ctx.RequestAborted;
        var (podJson, _) = await storage.GetAsync(pods, ns, name, ct);
        var options = PodLogOptions.Parse(q => ctx.Request.Query.TryGetValue(q, out var v) ? v.ToString() : null, name);
        var pod = ObjectCodec.As<V1Pod>(podJson);
        var container = PodContainerName.Resolve(pod, options.Container);
        var output = new LimitedOutput(ctx, options.LimitBytes);
        // An unscheduled pod has no node to ask: kube-apiserver answers with an empty log.
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            await output.StartAsync();
            return;
        }
        if (ContainerLogStatus.WhyNoLog(pod.Status, name, container, options.Previous) is { } why) throw Errors.BadRequest(why);
        var node = pod.Spec.NodeName;
        var query = options.Query(ns, name, container, clock.GetUtcNow());
        var first = await ReadAsync(node, query, ct);
        await output.StartAsync();
        await output.WriteAsync(first, ct);
        if (!options.Follow || options.Previous) return;

        // Follow the instance that is running now; its whole log so far is the mark new text is measured from.
        var instance = ContainerLogStatus.CurrentId(pod.Status, container);
        var full = query with { TailLines = null, SinceSeconds = null };
        var sent = query == full ? first.Length : (await ReadAsync(node, full, ct)).Length;
        // A server that stops ends followed logs as it ends watches, instead of holding its graceful shutdown.
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        while (!output.Full && !ct.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            try { await Task.Delay(FollowInterval, clock, stopping); }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            var running = await storage.Store.GetAsync(pods.Key(ns, name), ct) is { } kv
                && ContainerLogStatus.IsRunning(ObjectCodec.As<V1Pod>(ResourceStorage.Read(pods, kv)).Status, container, instance);
            var text = await source.ReadAsync(node, full, ct) ?? "";
            if (text.Length > sent) await output.WriteAsync(text[sent..], ct);
            sent = Math.Max(sent, text.Length);
            if (!running) return;
        }
    }

    async Task<string> ReadAsync(string node, PodLogQuery query, CancellationToken ct)
    {
        try
        {
            return await source.ReadAsync(node, query, ct)
                ?? throw Errors.BadRequest($"container \"{query.Container}\" in pod \"{query.Pod}\" is not available: no node agent of this server serves node \"{node}\"");
        }
        catch (PodLogException e)
        {
            throw Errors.BadRequest(e.Message);
        }
    }

    /// <summary>The text/plain answer, cut at limitBytes (as kubelet's LimitWriter cuts it).</summary>
    sealed class LimitedOutput(HttpContext ctx, long? limit)
    {
        long _written;

        public bool Full => _written >= limit;

        public async Task StartAsync()
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.StartAsync(ctx.RequestAborted);
        }

        public async Task WriteAsync(string text, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var count = limit is { } max ? (int)Math.Min(bytes.Length, Math.Max(0, max - _written)) : bytes.Length;
            if (count == 0) return;
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, count), ct);
            await ctx.Response.Body.FlushAsync(ct);
            _written += count;
        }
    }
}
