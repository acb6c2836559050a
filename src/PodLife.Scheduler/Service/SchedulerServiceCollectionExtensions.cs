using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Scheduler.Api;

namespace PodLife.Scheduler.Service;

/// <summary>Registers the scheduler as a hosted service; the host must provide an IKubernetes (or an IClusterApi).</summary>
public static class SchedulerServiceCollectionExtensions
{
    public static IServiceCollection AddPodLifeScheduler(this IServiceCollection services, SchedulerOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClusterApi>(sp => new KubernetesClusterApi(sp.GetRequiredService<IKubernetes>()));
        SharedPodInformer.Register(services);
        services.AddSingleton<IHostedService>(sp => new SchedulerService(sp.GetRequiredService<IClusterApi>(), options ?? new SchedulerOptions(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<SharedPodInformer>()));
        return services;
    }
}
