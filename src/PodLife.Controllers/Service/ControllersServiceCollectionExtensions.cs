using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>
/// Registers the node lifecycle (with taint eviction), pod GC, root CA publisher and endpoints controllers under one kube-controller-manager Lease;
/// the host must provide an IKubernetes (or an IClusterApi).
/// </summary>
public static class ControllersServiceCollectionExtensions
{
    public static IServiceCollection AddPodLifeControllers(this IServiceCollection services, ControllersOptions? options = null)
    {
        options ??= new ControllersOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClusterApi>(sp => new KubernetesClusterApi(sp.GetRequiredService<IKubernetes>()));
        services.AddKeyedSingleton("controllers", (sp, _) => new LeaderElector(
            sp.GetRequiredService<IClusterApi>(), options.LeaderElection, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LeaderElector>>()));
        services.AddSingleton<IHostedService>(sp => new LeaderElectionService(sp.GetRequiredKeyedService<LeaderElector>("controllers")));
        SharedPodInformer.Register(services);
        services.AddSingleton(sp => new ControllerInformers(sp.GetRequiredService<IClusterApi>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ControllerInformers>>(), sp.GetRequiredService<SharedPodInformer>()));
        services.AddSingleton<IHostedService>(sp => new ControllerInformersService(sp.GetRequiredService<ControllerInformers>()));
        services.AddSingleton<IHostedService>(sp => new NodeLifecycleController(sp.GetRequiredService<IClusterApi>(), options,
            sp.GetRequiredKeyedService<LeaderElector>("controllers"), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<NodeLifecycleController>>(),
            sp.GetRequiredService<ControllerInformers>()));
        services.AddSingleton<IHostedService>(sp => new PodGcController(sp.GetRequiredService<IClusterApi>(), options,
            sp.GetRequiredKeyedService<LeaderElector>("controllers"), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PodGcController>>(),
            sp.GetRequiredService<ControllerInformers>()));
        if (options.RootCaPem is { } caPem)
            services.AddSingleton<IHostedService>(sp => new RootCaPublisher(sp.GetRequiredService<IKubernetes>(), caPem, options,
                sp.GetRequiredKeyedService<LeaderElector>("controllers"), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RootCaPublisher>>()));
        if (options.Endpoints)
            services.AddSingleton<IHostedService>(sp => new EndpointsController(sp.GetRequiredService<IKubernetes>(), options,
                sp.GetRequiredKeyedService<LeaderElector>("controllers"), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EndpointsController>>(),
                sp.GetRequiredService<ControllerInformers>().Pods));
        return services;
    }
}
