using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// The JSON form that kube-apiserver's Go encoding gives every object it stores and answers, whatever form the client
/// sent (what `kubectl get -o yaml` shows):
/// <list type="bullet">
/// <item>metav1.Time carries whole seconds in UTC: a body's <c>…:54.494478Z</c> (KubernetesClient sends fractions) or
/// <c>+02:00</c> is kept as <c>…:54Z</c>. metav1.MicroTime fields (an event's eventTime, a lease's renewTime) keep their
/// microseconds. The models type both as DateTime, so the MicroTime fields are listed by their owner type.</item>
/// <item>Fields Go always writes, even when a client left them out: a metav1.Time that is not a pointer is written as
/// <c>null</c> when unset (a pod condition's <c>lastProbeTime: null</c>), a struct that is not a pointer as <c>{}</c>
/// (a container's <c>resources: {}</c>, a container status's <c>lastState: {}</c>, an event's <c>source: {}</c>).</item>
/// </list>
/// </summary>
public static class EncodedForm
{
    /// <summary>Fields that Kubernetes declares metav1.MicroTime (the rest of the models' DateTime fields are metav1.Time).</summary>
    public static readonly IReadOnlySet<(Type Owner, string Field)> MicroTimeFields = new HashSet<(Type, string)>
    {
        (typeof(Corev1Event), "eventTime"), (typeof(Eventsv1Event), "eventTime"), (typeof(V1LeaseSpec), "acquireTime"),
        (typeof(V1LeaseSpec), "renewTime"), (typeof(Corev1EventSeries), "lastObservedTime"), (typeof(Eventsv1EventSeries), "lastObservedTime"),
    };

    enum Unset { Null, EmptyObject, EmptyString }

    // Non-pointer time and struct fields of the served kinds (k8s.io/api core/v1, events/v1 and coordination/v1
    // types.go) that a client may leave out; those the server or the node always sets are not listed.
    static readonly Dictionary<Type, (string Field, Unset Value)[]> AlwaysWritten = new()
    {
        [typeof(V1ObjectMeta)] = [("creationTimestamp", Unset.Null)],
        [typeof(V1Container)] = [("resources", Unset.EmptyObject)],
        [typeof(V1EphemeralContainer)] = [("resources", Unset.EmptyObject)],
        [typeof(V1PodCondition)] = [("lastProbeTime", Unset.Null), ("lastTransitionTime", Unset.Null)],
        [typeof(V1ContainerStatus)] = [("state", Unset.EmptyObject), ("lastState", Unset.EmptyObject)],
        [typeof(V1ContainerStateRunning)] = [("startedAt", Unset.Null)],
        [typeof(V1ContainerStateTerminated)] = [("startedAt", Unset.Null), ("finishedAt", Unset.Null)],
        [typeof(V1NodeCondition)] = [("lastHeartbeatTime", Unset.Null), ("lastTransitionTime", Unset.Null)],
        [typeof(V1NamespaceCondition)] = [("lastTransitionTime", Unset.Null)],
        [typeof(V1Node)] = [("spec", Unset.EmptyObject)],
        [typeof(V1Lease)] = [("spec", Unset.EmptyObject)],
        [typeof(V1Service)] = [("spec", Unset.EmptyObject), ("status", Unset.EmptyObject)],
        [typeof(V1ServiceStatus)] = [("loadBalancer", Unset.EmptyObject)],
        [typeof(V1EndpointSlice)] = [("endpoints", Unset.Null)],
        [typeof(V1Endpoint)] = [("conditions", Unset.EmptyObject)],
        [typeof(Corev1Event)] =
        [
            ("source", Unset.EmptyObject), ("firstTimestamp", Unset.Null), ("lastTimestamp", Unset.Null), ("eventTime", Unset.Null),
            ("reportingComponent", Unset.EmptyString), ("reportingInstance", Unset.EmptyString), // no omitempty in core/v1
        ],
        [typeof(Eventsv1Event)] =
            [("deprecatedSource", Unset.EmptyObject), ("deprecatedFirstTimestamp", Unset.Null), ("deprecatedLastTimestamp", Unset.Null), ("eventTime", Unset.Null)],
    };

    /// <summary>
    /// Puts <paramref name="obj"/> (an object of model type <paramref name="modelType"/>) in that form, in place.
    /// Unparseable time text is left for validation to refuse. The fields at the positions set in
    /// <paramref name="skip"/> (bit i: field i) are left as they are: they are known to be in that form already.
    /// </summary>
    public static void Normalize(JsonObject obj, Type modelType, StoredMembers.Set skip = default)
    {
        if (AlwaysWritten.TryGetValue(modelType, out var always))
        {
            foreach (var (field, value) in always)
                if (!obj.ContainsKey(field)) obj[field] = value switch { Unset.EmptyObject => new JsonObject(), Unset.EmptyString => "", _ => null };
        }
        var plan = PlanOf(modelType);
        if (plan.Count == 0) return;
        // By position: a truncated time replaces its value in place, and no copy of the members is needed to do so.
        for (var i = 0; i < obj.Count; i++)
        {
            if (skip.Contains(i)) continue;
            var (name, value) = obj.GetAt(i);
            if (value is null || !plan.TryGetValue(name, out var work)) continue;
            if (work.Kind == FieldWork.Time)
            {
                if (Truncated(value) is { } whole) obj.SetAt(i, whole);
            }
            else
            {
                Descend(value, work.Type);
            }
        }
    }

    enum FieldWork { Time, Descend }

    // What Normalize does to each field of a model type, for the fields that need anything: a metav1.Time to cut to
    // whole seconds, or a field whose type can hold a time or an always-written field below it. The rest (most of a
    // pod's spec) is skipped. Worked out once per type: the answers never change.
    static readonly ConcurrentDictionary<Type, Dictionary<string, (FieldWork Kind, Type Type)>> Plans = new();

    static Dictionary<string, (FieldWork Kind, Type Type)> PlanOf(Type modelType) => Plans.GetOrAdd(modelType, static type =>
    {
        var plan = new Dictionary<string, (FieldWork, Type)>(StringComparer.Ordinal);
        foreach (var (name, property) in ModelFields.Of(type))
        {
            var fieldType = property.PropertyType;
            if (IsTime(fieldType))
            {
                if (!MicroTimeFields.Contains((type, name))) plan[name] = (FieldWork.Time, fieldType);
            }
            else if (NeedsWork(fieldType))
            {
                plan[name] = (FieldWork.Descend, fieldType);
            }
        }
        return plan;
    });

    static void Descend(JsonNode value, Type fieldType)
    {
        switch (value)
        {
            case JsonObject child when ModelFields.IsMap(fieldType):
                var valueType = ModelFields.ItemType(fieldType)!;
                foreach (var (_, item) in child) if (item is not null) Descend(item, valueType);
                break;
            case JsonObject child:
                Normalize(child, fieldType);
                break;
            case JsonArray items when ModelFields.ItemType(fieldType) is { } itemType:
                foreach (var item in items) if (item is not null) Descend(item, itemType);
                break;
        }
    }

    /// <summary>The time text cut to whole seconds in UTC, or null when it already is (or does not parse).</summary>
    internal static string? Truncated(JsonNode value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || IsWholeUtcSeconds(text)) return null;
        if (ObjectMeta.ParseTimestamp(text) is not { } time) return null;
        var whole = ObjectMeta.Timestamp(time);
        return whole == text ? null : whole;
    }

    // "yyyy-MM-ddTHH:mm:ssZ", the form this server writes: either a valid time that formats back to itself, or one
    // that does not parse. Both leave the text as it is, so neither needs a parse and a format.
    static bool IsWholeUtcSeconds(string text)
    {
        if (text.Length != 20) return false;
        for (var i = 0; i < 20; i++)
        {
            var expected = i switch { 4 or 7 => '-', 10 => 'T', 13 or 16 => ':', 19 => 'Z', _ => '0' };
            if (expected == '0' ? !char.IsAsciiDigit(text[i]) : text[i] != expected) return false;
        }
        return true;
    }

    static bool IsTime(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTime);

    static readonly ConcurrentDictionary<Type, bool> Holders = new();

    // Whether a field of this type can hold a time or an always-written field somewhere below it.
    static bool NeedsWork(Type type) => Holders.TryGetValue(type, out var known) ? known : NeedsWork(type, []);

    static bool NeedsWork(Type type, HashSet<Type> visiting)
    {
        if (Holders.TryGetValue(type, out var known)) return known;
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || !visiting.Add(type)) return false;
        var element = ModelFields.ItemType(type);
        var result = element is not null
            ? IsTime(element) || NeedsWork(element, visiting)
            : AlwaysWritten.ContainsKey(type) || ModelFields.Of(type).Values.Any(p => IsTime(p.PropertyType) || NeedsWork(p.PropertyType, visiting));
        visiting.Remove(type);
        // A type met again while its own answer is being worked out counts as "no" only within that walk; an answer
        // that may rest on such a guess is not remembered.
        if (visiting.Count == 0 || result) Holders[type] = result;
        return result;
    }
}
