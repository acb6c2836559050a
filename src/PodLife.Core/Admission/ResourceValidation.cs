using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Container resource limits and requests (ValidateResourceRequirements).</summary>
static class ResourceValidation
{
    static readonly string[] StandardContainerResources = ["cpu", "memory", "ephemeral-storage"];

    public static IEnumerable<FieldError> Validate(V1ResourceRequirements? resources, FieldPath path)
    {
        var limitsPath = path.Child("limits");
        var requestsPath = path.Child("requests");
        var limits = resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
        var errs = new List<FieldError>();
        var parsedLimits = new Dictionary<string, Quantity>();
        foreach (var (name, value) in limits)
            if (Quantity(errs, name, value, limitsPath.Key(name)) is { } limit) parsedLimits[name] = limit;

        foreach (var (name, value) in resources?.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            if (Quantity(errs, name, value, requestsPath.Key(name)) is not { } request) continue;
            if (parsedLimits.TryGetValue(name, out var limit))
            {
                // Resources that cannot be overcommitted (extended, hugepages) need request == limit.
                if (!OvercommitAllowed(name) && request.CompareTo(limit) != 0)
                    errs.Add(FieldError.Invalid(requestsPath, request.ToString(), $"must be equal to {name} limit of {limit}"));
                else if (request.CompareTo(limit) > 0)
                    errs.Add(FieldError.Invalid(requestsPath, request.ToString(), $"must be less than or equal to {name} limit of {limit}"));
            }
            else if (!OvercommitAllowed(name) && !limits.ContainsKey(name))
                errs.Add(FieldError.Required(limitsPath, "Limit must be set for non overcommitable resources"));
        }
        return errs;
    }

    // Checks one entry's name and value; returns the quantity when it is usable for comparisons.
    static Quantity? Quantity(List<FieldError> errs, string name, ResourceQuantity? value, FieldPath at)
    {
        var before = errs.Count;
        errs.AddRange(NameFormats.IsQualifiedName(name).Select(m => FieldError.Invalid(at, name, m)));
        if (!name.Contains('/') && !IsStandard(name))
            errs.Add(FieldError.Invalid(at, name, "must be a standard resource for containers"));
        var text = ResourceQuantities.Text(value);
        // kube-apiserver rejects such text while decoding; KubernetesClient lets some through, so refuse it here.
        if (!Admission.Quantity.TryParse(text, out var quantity, out var error))
        {
            errs.Add(FieldError.Invalid(at, text, error));
            return null;
        }
        if (quantity.Sign < 0) errs.Add(FieldError.Invalid(at, quantity.ToString(), "must be greater than or equal to 0"));
        if (IsExtended(name) && !quantity.IsInteger) errs.Add(FieldError.Invalid(at, quantity.ToString(), "must be an integer"));
        return errs.Count == before ? quantity : null;
    }

    static bool IsStandard(string name) => StandardContainerResources.Contains(name) || name.StartsWith("hugepages-", StringComparison.Ordinal);

    static bool IsNative(string name) => !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    static bool IsExtended(string name) => !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal);

    static bool OvercommitAllowed(string name) => IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);
}
