using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// A store change with the values the fan-out routed it by: the object's name, and for pods the spec.nodeName of the
/// object now and before the change (null for other kinds, and before a create).
/// </summary>
public sealed record RoutedChange(WatchEvent Event, string Name, string? NodeName, string? PreviousNodeName);
