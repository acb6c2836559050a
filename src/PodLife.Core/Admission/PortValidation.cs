using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Container ports and the int-or-name ports of probes and handlers (validateContainerPorts, ValidatePortNumOrName).</summary>
static class PortValidation
{
    static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public static IEnumerable<FieldError> ContainerPorts(IList<V1ContainerPort>? ports, FieldPath path)
    {
        var names = new HashSet<string>();
        foreach (var (port, i) in (ports ?? []).Select((p, i) => (p ?? new V1ContainerPort(), i)))
        {
            var at = path.Index(i);
            var name = port.Name ?? "";
            if (name.Length > 0)
            {
                var nameErrors = NameFormats.IsValidPortName(name);
                foreach (var m in nameErrors) yield return FieldError.Invalid(at.Child("name"), name, m);
                if (nameErrors.Count == 0 && !names.Add(name)) yield return FieldError.Duplicate(at.Child("name"), name);
            }
            if (port.ContainerPort == 0) yield return FieldError.Required(at.Child("containerPort"));
            else foreach (var m in NameFormats.IsValidPortNum(port.ContainerPort)) yield return FieldError.Invalid(at.Child("containerPort"), port.ContainerPort, m);
            if (port.HostPort is { } hostPort and not 0)
                foreach (var m in NameFormats.IsValidPortNum(hostPort)) yield return FieldError.Invalid(at.Child("hostPort"), hostPort, m);
            foreach (var e in PodSpecValidation.Enumerated(port.Protocol, Protocols, at.Child("protocol"))) yield return e;
        }
    }

    /// <summary>Host ports are unique per protocol and host IP across the given containers (checkHostPortConflicts).</summary>
    public static IEnumerable<FieldError> UniqueHostPorts(IEnumerable<(V1Container Container, int Index)> containers, FieldPath path)
    {
        var seen = new HashSet<string>();
        foreach (var (container, ci) in containers)
            foreach (var (port, pi) in (container.Ports ?? []).Select((p, i) => (p, i)))
            {
                if (port is not { HostPort: { } hostPort and not 0 }) continue;
                var key = $"{port.Protocol}/{port.HostIP}/{hostPort}";
                if (!seen.Add(key)) yield return FieldError.Duplicate(path.Index(ci).Child("ports").Index(pi).Child("hostPort"), key);
            }
    }

    /// <summary>A port given as a number (1-65535) or as the name of a container port.</summary>
    public static IEnumerable<FieldError> NumberOrName(IntOrString? port, FieldPath path)
    {
        var value = port?.Value ?? "";
        // KubernetesClient keeps both forms as text; digits were a JSON number.
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
        {
            var number = long.TryParse(value, out var n) ? n : long.MaxValue;
            return NameFormats.IsValidPortNum(number).Select(m => FieldError.Invalid(path, number, m));
        }
        return NameFormats.IsValidPortName(value).Select(m => FieldError.Invalid(path, value, m));
    }
}
