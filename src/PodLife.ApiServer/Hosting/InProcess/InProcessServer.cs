using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>
/// Kestrel with a second door: the same request pipeline (authentication, authorization, handlers, errors) also serves
/// requests handed over in memory by <see cref="InProcessHandler"/>, for the API clients that run in the server's own
/// process (scheduler, controllers, simulated nodes), without TLS, sockets or HTTP/2 framing.
/// </summary>
public sealed class InProcessServer(IServer kestrel) : IServer
{
    readonly ConcurrentDictionary<InProcessExchange, byte> _active = new();
    IInProcessApplication? _application;
    volatile bool _stopping;

    public IFeatureCollection Features => kestrel.Features;

    /// <summary>In-process requests the pipeline is serving now (open watches included).</summary>
    internal int ActiveRequests => _active.Count;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        await kestrel.StartAsync(application, cancellationToken);
        _application = new CapturedApplication<TContext>(application);
    }

    /// <summary>Like Kestrel: no new requests; those in flight get until <paramref name="cancellationToken"/> to end, then are aborted.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var kestrelStopping = kestrel.StopAsync(cancellationToken);
        var inFlight = _active.Keys.ToArray();
        try { await Task.WhenAll(inFlight.Select(e => e.Completion)).WaitAsync(cancellationToken); }
        catch (OperationCanceledException)
        {
            foreach (var exchange in inFlight) exchange.Abort();
        }
        await kestrelStopping;
    }

    // Kestrel is disposed by its own registration in the service container.
    public void Dispose() { }

    /// <summary>Starts serving <paramref name="exchange"/> on the thread pool, as Kestrel serves a request it has read.</summary>
    internal void Serve(InProcessExchange exchange)
    {
        var application = _application ?? throw new HttpRequestException("the API server has not started");
        _active.TryAdd(exchange, 0);
        if (_stopping)
        {
            _active.TryRemove(exchange, out _);
            throw new HttpRequestException("the API server is shutting down");
        }
        // No ExecutionContext flows from the client into the server's request, as none crosses a socket.
        ThreadPool.UnsafeQueueUserWorkItem(static async state =>
        {
            var (server, app, served) = state;
            try { await app.ProcessAsync(served); }
            finally { server._active.TryRemove(served, out _); }
        }, (this, application, exchange), preferLocal: false);
    }

    /// <summary>
    /// Replaces the container's <see cref="IServer"/> (Kestrel) with an <see cref="InProcessServer"/> around it. Call after
    /// the web host has registered Kestrel.
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IServer))
            ?? throw new InvalidOperationException("no IServer is registered to serve in-process requests beside");
        if (registered.ImplementationType is not { } kestrelType)
            throw new InvalidOperationException($"the registered IServer is not a type ({registered})");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(kestrelType, kestrelType, registered.Lifetime));
        services.AddSingleton<IServer>(sp => new InProcessServer((IServer)sp.GetRequiredService(kestrelType)));
    }

    interface IInProcessApplication
    {
        Task ProcessAsync(InProcessExchange exchange);
    }

    // The hosting layer's application (it builds the HttpContext, runs the middleware, logs and measures the request),
    // typed by its context so that the exchange does not need to be.
    sealed class CapturedApplication<TContext>(IHttpApplication<TContext> application) : IInProcessApplication where TContext : notnull
    {
        public async Task ProcessAsync(InProcessExchange exchange)
        {
            var context = application.CreateContext(exchange.Features);
            Exception? failure = null;
            try { await application.ProcessRequestAsync(context); }
            catch (Exception e) { failure = e; }
            try { await exchange.EndAsync(failure); }
            finally { application.DisposeContext(context, failure); }
        }
    }
}
