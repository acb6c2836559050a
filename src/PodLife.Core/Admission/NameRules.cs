namespace PodLife.Core.Admission;

/// <summary>The name rules of the kinds PodLife serves (k8s.io/apimachinery/pkg/api/validation/generic.go and each kind's validation).</summary>
public static class NameRules
{
    /// <summary>DNS-1123 subdomain: pods, nodes, configmaps, secrets, service accounts, events, leases.</summary>
    public static readonly NameRule DnsSubdomain = (name, prefix) => NameFormats.IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>DNS-1123 label: namespaces.</summary>
    public static readonly NameRule DnsLabel = (name, prefix) => NameFormats.IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>DNS-1035 label: services.</summary>
    public static readonly NameRule Dns1035Label = (name, prefix) => NameFormats.IsDns1035Label(prefix ? MaskTrailingDash(name) : name);

    public static readonly NameRule Pod = DnsSubdomain;
    public static readonly NameRule Service = Dns1035Label;
    public static readonly NameRule Namespace = DnsLabel;
    public static readonly NameRule Node = DnsSubdomain;
    public static readonly NameRule ConfigMap = DnsSubdomain;
    public static readonly NameRule Secret = DnsSubdomain;
    public static readonly NameRule ServiceAccount = DnsSubdomain;
    public static readonly NameRule Event = DnsSubdomain;
    public static readonly NameRule Lease = DnsSubdomain;
    public static readonly NameRule PriorityClass = DnsSubdomain;

    // A generateName gets a random suffix, so a trailing '-' is fine; Go swaps the last two characters for an 'a'.
    static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;
}
