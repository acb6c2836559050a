namespace PodLife.Core.Explain;

/// <summary>A pod condition that is not True, with its reason, message and when it last changed.</summary>
public sealed record ConditionExplanation(string Type, string Status, string? Reason, string? Message, DateTimeOffset? Since);
