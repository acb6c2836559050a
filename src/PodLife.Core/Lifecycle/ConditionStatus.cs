namespace PodLife.Core.Lifecycle;

/// <summary>The three values of a condition's <c>status</c> field.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
