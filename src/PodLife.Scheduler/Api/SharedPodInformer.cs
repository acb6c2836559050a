using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PodLife.Scheduler.Api;

/// <summary>
/// The pod cache that the scheduler and the controllers of one process share, as the controllers of one
/// kube-controller-manager share client-go's informer factory: one list and watch of every pod, one trimmed copy of each
/// in memory. With 100,000 pods a second cache was about 200 MB, and a second decode of every pod change.
/// </summary>
public sealed class SharedPodInformer(IClusterApi api, TimeProvider time, ILogger<SharedPodInformer> logger)
{
    /// <summary>As both components' default resync period.</summary>
    public static readonly TimeSpan ResyncPeriod = TimeSpan.FromMinutes(10);

    public Informer<V1Pod> Pods { get; } = new(api.ListPodsAsync, api.WatchPodsAsync, time, logger, ResyncPeriod) { Transform = PodCacheTrim.Trim };

    /// <summary>Registers the shared informer and the hosted service that runs it, once however many components ask.</summary>
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SharedPodInformer(sp.GetRequiredService<IClusterApi>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SharedPodInformer>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Runner>(sp => new Runner(sp.GetRequiredService<SharedPodInformer>())));
    }

    sealed class Runner(SharedPodInformer shared) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => shared.Pods.RunAsync(stoppingToken);
    }
}
