namespace PodLife.Core.Printing;

/// <summary>A meta.k8s.io/v1 TableColumnDefinition; priority 1 columns appear only with -o wide.</summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0);
