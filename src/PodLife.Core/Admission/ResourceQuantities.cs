using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Reads KubernetesClient quantities through their string form, so a broken or missing one never throws.</summary>
static class ResourceQuantities
{
    public static bool TryRead(ResourceQuantity? value, out Quantity quantity)
    {
        quantity = Quantity.Zero;
        return value is not null && Quantity.TryParse(Text(value), out quantity, out _);
    }

    public static string Text(ResourceQuantity? value)
    {
        try { return value?.ToString() ?? ""; }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException) { return ""; }
    }
}
