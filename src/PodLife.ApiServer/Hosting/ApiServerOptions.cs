using System.Net;
using PodLife.Store;

namespace PodLife.ApiServer.Hosting;

/// <summary>How to run the API server: where its state lives, where it listens, and its store and clock.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Holds pki/, tokens.csv and kubeconfig.</summary>
    public required string DataDir { get; init; }

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 6443;

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The store; null means a fresh in-memory store owned by the server.</summary>
    public IStore? Store { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How often a quiet watch that asked for bookmarks gets one (kube-apiserver: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a pod's lifecycle history (its podtimeline) is kept after the pod is deleted.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Record each pod's lifecycle history and serve it as podtimelines (podlife.dev/v1); off, the server serves only Kubernetes' own API.</summary>
    public bool RecordHistory { get; init; } = true;

    /// <summary>Entries per podtimeline before the oldest are dropped.</summary>
    public int HistoryMaxEntries { get; init; } = Core.History.PodTimeline.DefaultMaxEntries;

    /// <summary>How long a timeline's changes may wait in memory before they are written (<see cref="History.HistoryOptions.FlushInterval"/>).</summary>
    public TimeSpan HistoryFlushInterval { get; init; } = new History.HistoryOptions().FlushInterval;

    /// <summary>Log level for ASP.NET Core's own messages.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
