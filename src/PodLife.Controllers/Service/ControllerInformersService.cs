using Microsoft.Extensions.Hosting;

namespace PodLife.Controllers.Service;

/// <summary>Runs the controllers' shared caches for as long as the host runs.</summary>
public sealed class ControllerInformersService(ControllerInformers informers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken ct) => informers.RunAsync(ct);
}
