using Microsoft.Extensions.Hosting;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>Runs the shared controllers' leader election for as long as the host runs.</summary>
public sealed class LeaderElectionService(LeaderElector elector) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken ct) => elector.RunAsync(ct);
}
