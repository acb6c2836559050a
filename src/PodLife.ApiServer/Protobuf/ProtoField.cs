namespace PodLife.ApiServer.Protobuf;

/// <summary>How one field of a Kubernetes protobuf message maps to its JSON field.</summary>
/// <param name="Name">The JSON field name.</param>
/// <param name="Message">The nested message's fields, for <see cref="ProtoKind.Message"/>.</param>
/// <param name="Repeated">A list (each element is one occurrence of the field).</param>
/// <param name="Pointer">
/// A Go pointer field (written only when set) or a field without omitempty (always in Go's JSON): its zero value is kept.
/// </param>
public sealed record ProtoField(string Name, ProtoKind Kind, ProtoMessage? Message = null, bool Repeated = false, bool Pointer = false);

/// <summary>The wire shapes the served kinds use.</summary>
public enum ProtoKind
{
    String,
    /// <summary>bytes, which JSON carries as base64.</summary>
    Bytes,
    Int,
    Bool,
    Message,
    /// <summary>metav1.Time {seconds, nanos}, RFC 3339 in JSON.</summary>
    Time,
    /// <summary>metav1.MicroTime {seconds, nanos}, RFC 3339 with six fractional digits in JSON (leases, events).</summary>
    MicroTime,
    StringMap,
    BytesMap,
    /// <summary>metav1.FieldsV1 {raw}: the raw bytes are JSON.</summary>
    RawJson,
    /// <summary>resource.Quantity {string = 1}, a plain string in JSON.</summary>
    Quantity,
    /// <summary>intstr.IntOrString {type, intVal, strVal}, a number or a string in JSON.</summary>
    IntOrString,
    /// <summary>A map whose entries are <see cref="ProtoField.Message"/> {key = 1; value = 2} (e.g. map&lt;string, Quantity&gt;).</summary>
    Map,
    /// <summary>An embedded Go struct (Volume's VolumeSource, Probe's ProbeHandler): its fields sit in the parent's JSON.</summary>
    Inline,
}
