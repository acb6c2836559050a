using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Exec;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Hosting.InProcess;
using PodLife.ApiServer.Logs;
using PodLife.ApiServer.Proxy;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Security;
using PodLife.Core.Admission;
using PodLife.Core.Hosting;
using PodLife.Store;
using PodLife.Store.Memory;

namespace PodLife.ApiServer.Hosting;

/// <summary>
/// A running API server: Kestrel with TLS and bearer tokens in front of the resource registry.
/// <see cref="StartAsync"/> returns once it accepts requests.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly IStore _store;
    readonly bool _ownsStore;

    ApiServerHost(WebApplication app, IStore store, bool ownsStore, TokenFile tokens, ServingCertificates certs, Uri url, PodLogSources logs,
        PodExecTargets execs)
    {
        LogSources = logs;
        ExecTargets = execs;
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        Tokens = tokens;
        Certificates = certs;
        Url = url;
    }

    /// <summary>https://127.0.0.1:PORT</summary>
    public Uri Url { get; }
    public TokenFile Tokens { get; }
    public ServingCertificates Certificates { get; }
    public string AdminToken => Tokens.AdminToken;
    public IStore Store => _store;

    /// <summary>Where pods/log reads logs: add the node agents' <see cref="IPodLogSource"/> here.</summary>
    public PodLogSources LogSources { get; }

    /// <summary>Where pods/exec runs commands: add the node agents' <see cref="IPodExecTarget"/> here.</summary>
    public PodExecTargets ExecTargets { get; }

    /// <summary>The lifecycle history recorder; its flushes and retention sweep run while the server does.</summary>
    public required PodHistoryRecorder History { get; init; }

    /// <summary>The server's in-memory door for clients in this process; see <see cref="CreateInProcessHandler"/>.</summary>
    public required InProcessServer InProcess { get; init; }

    readonly CancellationTokenSource _stopping = new();
    Task _history = Task.CompletedTask;
    Task _kubernetesService = Task.CompletedTask;

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.DataDir);
        // Certificates, seeding and building the web host are independent: on two or more cores they overlap.
        var loadingCertificates = Task.Run(() => ServingCertificates.LoadOrCreate(options.DataDir, options.Clock), ct);
        var tokens = TokenFile.LoadOrCreate(Path.Combine(options.DataDir, "tokens.csv"));
        var store = options.Store ?? new MemoryStore();
        var history = new PodHistoryRecorder(store, options.Clock, new HistoryOptions { Retention = options.HistoryRetention, MaxEntries = options.HistoryMaxEntries, FlushInterval = options.HistoryFlushInterval });
        var storage = new ResourceStorage(store, ResourceCatalog.Create(options.RecordHistory), options.Clock)
        {
            Observer = options.RecordHistory ? history : null,
        };
        var seeding = Task.Run(() => SeedAsync(storage, ct), ct);

        // No appsettings to reload: the default would watch the current directory and all below it with inotify.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        var certs = await loadingCertificates;
        builder.Logging.SetMinimumLevel(options.LogLevel);
        // ASP.NET Core's hosting layer starts an Activity and a logging scope for every request whenever its logger is
        // enabled at any level (it checks Critical), though it logs requests only at Information: at Warning and above
        // that was an Activity, its hex trace ids and a scope per request for no line of log. A failure to start still
        // reaches the caller as the exception it is.
        if (options.LogLevel > LogLevel.Information) builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // The host's own logger reports a failure to start (a port in use) with its stack trace before the exception
        // reaches the command, which prints it as one line. The web server is this host's only hosted service.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, OwnerStoppedLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // HttpJson enforces kube-apiserver's own limit with a Status
            // As k8s.io/apiserver's recommended options: clients multiplex many long-running watches (one per node
            // agent in `podlife up`) on one HTTP/2 connection; Kestrel's default of 100 streams makes the 101st open a
            // new connection and TLS handshake, which thousands of nodes turn into a handshake storm.
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Listen(options.Address, options.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(certs.ServingCertificate);
            });
        });
        // The clients in this process (scheduler, controllers, simulated nodes) reach the same pipeline in memory.
        InProcessServer.Decorate(builder.Services);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new WatchWriter(storage, options.Clock, options.BookmarkInterval));
        var logs = new PodLogSources();
        builder.Services.AddSingleton(new PodLogStreamer(storage, logs, options.Clock));
        var execs = new PodExecTargets();
        builder.Services.AddSingleton(new PodExecStreamer(storage, execs));
        builder.Services.AddSingleton(new PodPortForwarder(storage, execs));
        builder.Services.AddSingleton(new ResourceProxy(storage, execs));
        builder.Services.AddSingleton<ResourceHandler>();

        var app = builder.Build();
        app.MapPodLifeApi();
        // The first request may come as soon as the port is open: it finds the namespaces there.
        await seeding;
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"cannot listen on {options.Address}:{options.Port}: {ListenFailure.Describe(e)}", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        await KubernetesService.EnsureAsync(storage, port, ct);
        var host = options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Address}]" : options.Address.ToString();
        if (options.Address.Equals(System.Net.IPAddress.Any)) host = "127.0.0.1";
        var started = new ApiServerHost(app, store, options.Store is null, tokens, certs, new Uri($"https://{host}:{port}"), logs, execs)
        {
            History = history,
            InProcess = (InProcessServer)app.Services.GetRequiredService<IServer>(),
        };
        started._history = history.RunAsync(started._stopping.Token);
        started._kubernetesService = KubernetesService.KeepAsync(storage, port, options.Clock, started._stopping.Token);
        return started;
    }

    // The namespaces every cluster has, each with its default service account, and the system priority classes
    // (kube-apiserver's scheduling/bootstrap-system-priority-classes hook creates those that are missing). All at once,
    // so that the store commits them together instead of one durable write after another.
    static async Task SeedAsync(ResourceStorage storage, CancellationToken ct)
    {
        async Task CreateMissingAsync(ResourceDefinition resource, string name, Func<JsonObject> body)
        {
            if (await storage.Store.GetAsync(resource.Key("", name), ct) is not null) return;
            try { await storage.CreateAsync(resource, "", body(), false, ct); }
            catch (Http.StatusException e) when (e.Code == 409) { } // another replica created it first
        }
        var priorityClasses = storage.Catalog.Find("scheduling.k8s.io", "v1", "priorityclasses")!;
        await Task.WhenAll([
            .. new[] { "default", "kube-system", "kube-public", "kube-node-lease" }.Select(ns =>
                CreateMissingAsync(storage.Catalog.Namespaces, ns, () => new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } })),
            .. SystemPriorityClasses.All().Select(pc => CreateMissingAsync(priorityClasses, pc.Metadata.Name, () => ObjectCodec.FromModel(pc))),
        ]);
    }

    /// <summary>A kubeconfig for the admin user (context "podlife").</summary>
    public k8s.KubeConfigModels.K8SConfiguration AdminKubeconfig() => Kubeconfig.Build(Server, Certificates.CaCertificatePem, AdminToken);

    /// <summary>Writes the kubeconfig of <see cref="AdminKubeconfig"/> to <paramref name="path"/>.</summary>
    public void WriteAdminKubeconfig(string path) => Kubeconfig.Write(path, Server, Certificates.CaCertificatePem, AdminToken);

    /// <summary>Merges the podlife cluster, user and context of <see cref="AdminKubeconfig"/> into the kubeconfig at <paramref name="path"/>.</summary>
    public void MergeAdminKubeconfig(string path) => Kubeconfig.Merge(path, Server, Certificates.CaCertificatePem, AdminToken);

    // The server's address as a kubeconfig names it: no trailing slash.
    string Server => Url.ToString().TrimEnd('/');

    /// <summary>An HttpClient for this server that trusts its CA and sends <paramref name="token"/> (null: no Authorization header).</summary>
    public HttpClient CreateHttpClient(string? token)
    {
        var ca = X509Certificate2.CreateFromPem(Certificates.CaCertificatePem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                if (cert is null || chain is null) return false;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = Url };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// A handler that sends requests to this server in memory (no TLS, socket or HTTP/2), for API clients that run in this
    /// process: give it to <c>new Kubernetes(config, handler)</c>. Requests still carry and are checked by their token.
    /// </summary>
    public InProcessHandler CreateInProcessHandler() => new(InProcess);

    /// <summary>
    /// A KubernetesClient with the admin credentials that reaches this server in memory (see <see cref="CreateInProcessHandler"/>).
    /// It has no per-request timeout, as client-go's default for kube-scheduler and kube-controller-manager: HttpClient's
    /// timeout is a CancelAfter timer per request, and at 25,000 pods those timers (with the pod workers' own) made the
    /// runtime's timer queue the most contended lock of the process. This removes HttpClient's timer only: KubernetesClient's
    /// generated operations still link a token source and call CancelAfter with this timeout themselves, which on .NET 10
    /// creates a runtime timer even for an infinite delay (performance.md, session 7). Requests still end when their
    /// caller's token is cancelled; the node heartbeats carry a deadline of their own (HeartbeatTicker.DefaultDeadline).
    /// </summary>
    public k8s.Kubernetes CreateInProcessAdminClient()
    {
        var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigObject(AdminKubeconfig());
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new(config, CreateInProcessHandler());
    }

    /// <summary>Completes when the server stops (Ctrl+C, SIGTERM or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => ((IHost)_app).WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _history;
        await _kubernetesService;
        await _app.StopAsync();
        // The history the last requests recorded waits in memory: written before the store closes.
        await History.FlushAsync();
        await _app.DisposeAsync();
        if (_ownsStore) await _store.DisposeAsync();
    }
}
