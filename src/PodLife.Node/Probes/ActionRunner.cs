using k8s.Models;
using PodLife.Core.Printing;
using PodLife.Node.Runtime;

namespace PodLife.Node.Probes;

/// <summary>
/// Runs the exec, httpGet, tcpSocket and grpc actions probes and hooks share, with kubelet's wording of failures
/// (pkg/kubelet/prober/prober.go, pkg/probe/http, pkg/probe/tcp, pkg/probe/grpc).
/// </summary>
public static class ActionRunner
{
    /// <summary>Runs a probe's action with its timeout.</summary>
    public static Task<ProbeOutcome> RunAsync(V1Probe probe, ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 ? probe.TimeoutSeconds.Value : 1);
        if (probe.Exec is { } exec) return ExecAsync(exec.Command ?? [], target, timeout, cancellationToken);
        if (probe.HttpGet is { } http) return HttpAsync(http, target, timeout, cancellationToken);
        if (probe.TcpSocket is { } tcp) return TcpAsync(tcp.Host, Port(tcp.Port, target.Container), target, timeout, cancellationToken);
        if (probe.Grpc is { } grpc) return GrpcAsync(grpc, target, timeout, cancellationToken);
        return Task.FromResult(ProbeOutcome.FailedWith("missing probe handler"));
    }

    /// <summary>Runs a lifecycle hook's action (exec or httpGet); hooks have no timeout of their own beyond the grace period.</summary>
    public static Task<ProbeOutcome> RunAsync(V1LifecycleHandler handler, ActionTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (handler.Exec is { } exec) return ExecAsync(exec.Command ?? [], target, timeout, cancellationToken);
        if (handler.HttpGet is { } http) return HttpAsync(http, target, timeout, cancellationToken);
        if (handler.TcpSocket is { } tcp) return TcpAsync(tcp.Host, Port(tcp.Port, target.Container), target, timeout, cancellationToken);
        return Task.FromResult(ProbeOutcome.Passed);
    }

    static async Task<ProbeOutcome> ExecAsync(IList<string> command, ActionTarget target, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var result = await target.Runtime.ExecSyncAsync(target.ContainerId, [.. command], timeout, ct).ConfigureAwait(false);
            var output = (result.Stdout + result.Stderr).TrimEnd('\n');
            // The CRI client's error for a non-zero exit, as kubelet's hook events print it.
            return result.ExitCode == 0
                ? new ProbeOutcome(true, output)
                : ProbeOutcome.FailedWith(output) with { Error = $"command '{string.Join(' ', command)}' exited with {result.ExitCode}: {result.Stderr}" };
        }
        catch (ContainerRuntimeException e) when (e.Code == RuntimeErrorCode.DeadlineExceeded)
        {
            return ProbeOutcome.FailedWith($"command \"{string.Join(' ', command)}\" timed out");
        }
        catch (ContainerRuntimeException e)
        {
            // The runtime could not run the command (such as a program the image lacks): an error, not a failure.
            return ProbeOutcome.ErroredWith(e.Message);
        }
    }

    static async Task<ProbeOutcome> HttpAsync(V1HTTPGetAction http, ActionTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var path = string.IsNullOrEmpty(http.Path) ? "/" : http.Path.StartsWith('/') ? http.Path : "/" + http.Path;
        var host = string.IsNullOrEmpty(http.Host) ? target.PodIp : http.Host;
        var result = await target.Network.HttpGetAsync(host, Port(http.Port, target.Container), path, timeout, ct).ConfigureAwait(false);
        if (result.Error is { } error) return ProbeOutcome.FailedWith(error);
        // pkg/probe/http: 200-399 pass; anything else fails with the status code.
        return result.StatusCode is >= 200 and < 400
            ? new ProbeOutcome(true, result.Body)
            : ProbeOutcome.FailedWith($"HTTP probe failed with statuscode: {result.StatusCode}");
    }

    static async Task<ProbeOutcome> TcpAsync(string? host, int port, ActionTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var error = await target.Network.TcpConnectAsync(string.IsNullOrEmpty(host) ? target.PodIp : host, port, timeout, ct).ConfigureAwait(false);
        return error is null ? ProbeOutcome.Passed : ProbeOutcome.FailedWith(error);
    }

    // pkg/probe/grpc: any failure is a probe failure, worded like grpc_health_probe; the host is always the pod IP.
    static async Task<ProbeOutcome> GrpcAsync(V1GRPCAction grpc, ActionTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var result = await target.Network.GrpcHealthCheckAsync(target.PodIp, grpc.Port, grpc.Service ?? "", timeout, ct).ConfigureAwait(false);
        return result switch
        {
            { Error: GrpcHealthError.ConnectTimeout } => ProbeOutcome.FailedWith(
                $"timeout: failed to connect service \"{target.PodIp}:{grpc.Port}\" within {GoDuration.Format(timeout)}: context deadline exceeded"),
            { Error: GrpcHealthError.Unimplemented } => ProbeOutcome.FailedWith(
                "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health"),
            { Error: GrpcHealthError.UnknownService } => ProbeOutcome.FailedWith(
                "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"),
            { Status: GrpcHealthResult.Serving } => new ProbeOutcome(true, "service healthy"),
            _ => ProbeOutcome.FailedWith($"service unhealthy (responded with \"{result.Status}\")"),
        };
    }

    /// <summary>A numeric port, or a named one looked up in the container's ports (kubelet's findPortByName).</summary>
    public static int Port(IntOrString? port, V1Container container)
    {
        var text = port?.Value ?? "";
        if (int.TryParse(text, out var number)) return number;
        return container.Ports?.FirstOrDefault(p => p.Name == text)?.ContainerPort ?? -1;
    }
}
