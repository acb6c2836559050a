using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>Computes the `kubectl get pods` columns of a pod exactly as kube-apiserver's printPod does.</summary>
/// <remarks>pkg/printers/internalversion/printers.go printPod; a missing status or spec prints as empty, never throws.</remarks>
public static class PodColumns
{
    const string None = "<none>";

    public static PodRow From(V1Pod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var status = pod.Status;
        var summary = PodStatusSummary.Of(pod);
        var restarts = summary.Restarts != 0 && summary.LastRestart is { } last
            ? $"{summary.Restarts} ({HumanDuration.Format(now - last)} ago)"
            : summary.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        return new PodRow(
            Name: pod.Metadata?.Name ?? "",
            Ready: $"{summary.ReadyContainers}/{summary.TotalContainers}",
            Status: summary.Status,
            Restarts: restarts,
            Age: KubeTime.Since(pod.Metadata?.CreationTimestamp, now),
            Ip: OrNone(FirstPodIp(status)),
            Node: OrNone(pod.Spec?.NodeName),
            NominatedNode: OrNone(status?.NominatedNodeName),
            ReadinessGates: ReadinessGates(pod))
        {
            RestartCount = summary.Restarts,
            Conditions = status?.Phase switch
            {
                "Succeeded" => [TableRowCondition.PodSucceeded],
                "Failed" => [TableRowCondition.PodFailed],
                _ => [],
            },
        };
    }

    /// <summary>
    /// Serializer options for decoding a stored pod only as far as these columns read it (what PodStatusSummary and
    /// the rules above use): a page of `kubectl get pods` decodes 500 pods, and most of each is what no column shows.
    /// </summary>
    public static System.Text.Json.JsonSerializerOptions DecodeOptions => LazyDecodeOptions.Value;

    static readonly Lazy<System.Text.Json.JsonSerializerOptions> LazyDecodeOptions = new(() => PodLife.Core.Client.ModelJson.DecodeSkipping(
        new Dictionary<Type, string[]>
        {
            [typeof(V1ObjectMeta)] =
            [
                "managedFields", "labels", "annotations", "ownerReferences", "finalizers", "uid", "resourceVersion", "generateName",
                "generation", "selfLink", "deletionGracePeriodSeconds",
            ],
            [typeof(V1PodSpec)] =
            [
                "volumes", "ephemeralContainers", "tolerations", "affinity", "securityContext", "nodeSelector",
                "topologySpreadConstraints", "hostAliases", "dnsConfig", "imagePullSecrets", "resourceClaims", "schedulingGates", "overhead",
            ],
            // Kept: name, and restartPolicy (an init container that always restarts is a sidecar, counted in READY).
            [typeof(V1Container)] =
            [
                "image", "imagePullPolicy", "command", "args", "env", "envFrom", "ports", "resources", "resizePolicy", "volumeMounts",
                "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext", "workingDir",
                "terminationMessagePath", "terminationMessagePolicy", "stdin", "stdinOnce", "tty",
            ],
            [typeof(V1ContainerStatus)] = ["image", "imageID", "containerID", "allocatedResources", "resources", "volumeMounts", "user", "allocatedResourcesStatus"],
            [typeof(V1PodStatus)] = ["hostIPs", "hostIP", "qosClass", "resourceClaimStatuses", "message", "startTime", "ephemeralContainerStatuses", "resize", "observedGeneration"],
            // Conditions are read for their type, status and reason; states for reasons, exit codes and the last finish.
            [typeof(V1PodCondition)] = ["message", "lastProbeTime", "lastTransitionTime", "observedGeneration"],
            [typeof(V1ContainerStateRunning)] = ["startedAt"],
            [typeof(V1ContainerStateWaiting)] = ["message"],
            [typeof(V1ContainerStateTerminated)] = ["message", "containerID", "startedAt"],
        }, shareStrings: false));

    static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    // The server prints the internal object, whose podIPs conversion falls back to the legacy podIP field.
    static string? FirstPodIp(V1PodStatus? status) =>
        status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip : status?.PodIP;

    // "<true>/<gates>": a gate counts when the first condition of its type is True.
    static string ReadinessGates(V1Pod pod)
    {
        var gates = pod.Spec?.ReadinessGates;
        if (gates is null || gates.Count == 0) return None;
        var conditions = pod.Status?.Conditions ?? [];
        var trueGates = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.Type == gate.ConditionType)?.Status == "True");
        return $"{trueGates}/{gates.Count}";
    }
}
