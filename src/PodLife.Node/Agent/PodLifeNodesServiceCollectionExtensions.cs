using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Node.Exec;
using PodLife.Node.Logs;

namespace PodLife.Node.Agent;

/// <summary>Wires simulated nodes into a host: <c>services.AddPodLifeNodes(options)</c> (needs an IKubernetes registered).</summary>
public static class PodLifeNodesServiceCollectionExtensions
{
    public static IServiceCollection AddPodLifeNodes(this IServiceCollection services, SimulatedNodesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<SimulatedNodesService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedNodesService>());
        services.AddSingleton<INodeLogs>(sp => sp.GetRequiredService<SimulatedNodesService>());
        services.AddSingleton<INodeExec>(sp => sp.GetRequiredService<SimulatedNodesService>());
        return services;
    }
}
