using k8s.Models;
using PodLife.Node.Probes;
using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;
using PodLife.Node.Runtime.Simulated.Images;
using PodLife.Node.Tests.Runtime;

namespace PodLife.Node.Tests.Probes;

/// <summary>
/// gRPC probes against simulated servers, with the outputs of kubelet's gRPC prober (pkg/probe/grpc/grpc.go): a
/// program declares in the image catalog which ports serve grpc.health.v1.Health and for which services.
/// </summary>
public sealed class GrpcProbeTests
{
    const string Catalog = """
        images:
          - repository: docker.io/acme/rpc
            tags: '1'
            pullSeconds: 0
        programs:
          - name: bare-grpc
            listen: [{port: 9000, grpcHealth: []}]
          - name: tiring-grpc
            listen: [{port: 9000, grpcHealth: ['', shop], failAfterSeconds: 10}]
        """;

    static async Task<(RuntimeHarness Node, ActionTarget Target)> StartAsync(string image, params string[] command)
    {
        var node = new RuntimeHarness(new SimulatedRuntimeOptions { Catalog = ImageCatalog.BuiltIn.With(ImageCatalog.FromText(Catalog, "test.yaml")) });
        var id = await node.RunAsync(image, command);
        var sandbox = (await node.StatusAsync(id)).PodSandboxId;
        var ip = (await node.Runtime.PodSandboxStatusAsync(sandbox, RuntimeHarness.Token)).Ip;
        return (node, new ActionTarget(node.Runtime, node.Runtime, id, new V1Container { Name = "main" }, ip));
    }

    static Task<ProbeOutcome> ProbeAsync(ActionTarget target, int port, string? service = null) =>
        ActionRunner.RunAsync(new V1Probe { Grpc = new V1GRPCAction { Port = port, Service = service } }, target, RuntimeHarness.Token);

    [Fact]
    public async Task The_etcd_of_the_gRPC_liveness_example_is_healthy_on_its_client_port()
    {
        var (node, target) = await StartAsync("registry.k8s.io/etcd:3.5.1-0",
            "/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379");
        using var _ = node;

        var outcome = await ProbeAsync(target, 2379);

        Assert.Equal((true, "service healthy"), (outcome.Success, outcome.Output));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_and_a_port_that_does_not_speak_gRPC_both_time_out_connecting()
    {
        var (node, target) = await StartAsync("nginx:1.27");
        using var _ = node;

        var closed = await ProbeAsync(target, 9000);
        var http = await ProbeAsync(target, 80);

        Assert.Equal((false, $"timeout: failed to connect service \"{target.PodIp}:9000\" within 1s: context deadline exceeded"), (closed.Success, closed.Output));
        Assert.Equal((false, $"timeout: failed to connect service \"{target.PodIp}:80\" within 1s: context deadline exceeded"), (http.Success, http.Output));
    }

    [Fact]
    public async Task A_gRPC_server_without_the_health_service_is_reported_as_not_implementing_it()
    {
        var (node, target) = await StartAsync("acme/rpc:1", "bare-grpc");
        using var _ = node;

        var outcome = await ProbeAsync(target, 9000);

        Assert.Equal("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health", outcome.Output);
    }

    [Fact]
    public async Task A_service_the_server_does_not_know_fails_with_NotFound()
    {
        var (node, target) = await StartAsync("acme/rpc:1", "tiring-grpc");
        using var _ = node;

        var known = await ProbeAsync(target, 9000, "shop");
        var unknown = await ProbeAsync(target, 9000, "cart");

        Assert.True(known.Success);
        Assert.Equal((false, "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"), (unknown.Success, unknown.Output));
    }

    [Fact]
    public async Task A_server_that_stops_serving_answers_NOT_SERVING()
    {
        var (node, target) = await StartAsync("acme/rpc:1", "tiring-grpc");
        using var _ = node;

        node.Advance(9);
        var early = await ProbeAsync(target, 9000);
        node.Advance(1);
        var late = await ProbeAsync(target, 9000);

        Assert.True(early.Success);
        Assert.Equal((false, "service unhealthy (responded with \"NOT_SERVING\")"), (late.Success, late.Output));
    }
}
