namespace PodLife.Core.History;

/// <summary>The kinds of entry a pod timeline holds (the podtimelines wire contract).</summary>
public static class TimelineEntryKind
{
    public const string Phase = "Phase";
    public const string Condition = "Condition";
    public const string Container = "Container";
    public const string InitContainer = "InitContainer";
    public const string EphemeralContainer = "EphemeralContainer";
    public const string Stage = "Stage";
    public const string Event = "Event";

    /// <summary>True for the three container kinds.</summary>
    public static bool IsContainer(string kind) => kind is Container or InitContainer or EphemeralContainer;
}
