namespace PodLife.Core.Printing;

/// <summary>One row of `kubectl get events`; -o wide adds Subobject, Source, FirstSeen, Count and Name.</summary>
public sealed record EventRow(
    string LastSeen,
    string Type,
    string Reason,
    string Object,
    string Subobject,
    string Source,
    string Message,
    string FirstSeen,
    long Count,
    string Name)
{
    /// <summary>The cells in <see cref="TableColumns.Events"/> order; without wide the five default columns.</summary>
    public IReadOnlyList<object> Cells(bool wide) => wide
        ? [LastSeen, Type, Reason, Object, Subobject, Source, Message, FirstSeen, Count, Name]
        : [LastSeen, Type, Reason, Object, Message];
}
