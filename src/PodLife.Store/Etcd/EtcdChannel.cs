using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodLife.Store.Etcd;

/// <summary>One gRPC channel over every etcd endpoint: round robin across members, skipping ones that are down.</summary>
static class EtcdChannel
{
    public static GrpcChannel Create(IReadOnlyList<string> endpoints)
    {
        if (endpoints.Count == 0) throw new StoreUnavailableException("etcd store: no endpoints given (--etcd-endpoints)");
        var addresses = endpoints.Select(Parse).ToArray();
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => addresses));
        return GrpcChannel.ForAddress("static:///etcd", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceProvider = services.BuildServiceProvider(),
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
        });
    }

    static BalancerAddress Parse(string endpoint)
    {
        if (!Uri.TryCreate(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint, UriKind.Absolute, out var uri) || uri.Port <= 0)
            throw new StoreUnavailableException($"etcd store: bad endpoint \"{endpoint}\" (expected http://host:port)");
        if (uri.Scheme != Uri.UriSchemeHttp)
            throw new StoreUnavailableException($"etcd store: endpoint \"{endpoint}\": only plain http endpoints are supported");
        return new BalancerAddress(uri.Host, uri.Port);
    }
}
