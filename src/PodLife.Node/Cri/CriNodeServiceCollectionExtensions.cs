using Microsoft.Extensions.DependencyInjection;
using PodLife.Node.Exec;
using PodLife.Node.Logs;

namespace PodLife.Node.Cri;

/// <summary>Wires a real node into a host: <c>services.AddPodLifeCriNode(options)</c> (needs an IKubernetes registered).</summary>
public static class CriNodeServiceCollectionExtensions
{
    public static IServiceCollection AddPodLifeCriNode(this IServiceCollection services, CriNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<CriNodeService>();
        services.AddHostedService(sp => sp.GetRequiredService<CriNodeService>());
        services.AddSingleton<INodeLogs>(sp => sp.GetRequiredService<CriNodeService>());
        services.AddSingleton<INodeExec>(sp => sp.GetRequiredService<CriNodeService>());
        return services;
    }
}
