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
/// that it has a log, and reads it from the node's <see cref="IPodLogSource"/>; with follow it streams what the node
/// sends until the container's instance has exited, as kube-apiserver proxies a followed log from the kubelet.
/// </summary>
public sealed class PodLogStreamer(ResourceStorage storage, IPodLogSource source, TimeProvider clock)
{
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
        if (options.Follow && !options.Previous)
        {
            await FollowAsync(ctx, output, node, query);
            return;
        }
        string text;
        try { text = await source.ReadAsync(node, query, ct) ?? throw NotServed(node, query); }
        catch (PodLogException e) { throw Errors.BadRequest(e.Message); }
        await output.StartAsync();
        await output.WriteAsync(text, ct);
    }

    // The node follows the container's log file and ends the stream once the container has exited and its last lines
    // are sent, so a pod deleted meanwhile still shows what its container wrote while stopping (a preStop hook's lines).
    async Task FollowAsync(HttpContext ctx, LimitedOutput output, string node, PodLogQuery query)
    {
        // A server that stops ends followed logs as it ends watches, instead of holding its graceful shutdown.
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var started = false;
        try
        {
            await foreach (var piece in source.FollowAsync(node, query, ended.Token))
            {
                if (!started) await output.StartAsync();
                started = true;
                await output.WriteAsync(piece, ended.Token);
                if (output.Full) return;
            }
        }
        catch (PodLogException e)
        {
            // Once the answer has started, a node that fails ends the stream, as a broken kubelet connection does.
            if (!started) throw Errors.BadRequest(e.Message);
            return;
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            return;
        }
        if (!started) throw NotServed(node, query);
    }

    static StatusException NotServed(string node, PodLogQuery query) =>
        Errors.BadRequest($"container \"{query.Container}\" in pod \"{query.Pod}\" is not available: no node agent of this server serves node \"{node}\"");

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
