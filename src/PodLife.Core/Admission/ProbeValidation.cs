using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Probes and lifecycle handlers (validateProbe, validateHandler, validateLifecycle).</summary>
static class ProbeValidation
{
    const string NonNegative = "must be greater than or equal to 0";
    static readonly string[] Schemes = ["HTTP", "HTTPS"];

    public static IEnumerable<FieldError> Liveness(V1Probe? probe, FieldPath path) =>
        probe is null ? [] : Probe(probe, path).Concat(SuccessThresholdIsOne(probe, path));

    public static IEnumerable<FieldError> Startup(V1Probe? probe, FieldPath path) => Liveness(probe, path);

    public static IEnumerable<FieldError> Readiness(V1Probe? probe, FieldPath path)
    {
        if (probe is null) return [];
        var errs = Probe(probe, path).ToList();
        if (probe.TerminationGracePeriodSeconds is { } grace)
            errs.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), grace, "must not be set for readinessProbes"));
        return errs;
    }

    public static IEnumerable<FieldError> Lifecycle(V1Lifecycle? lifecycle, FieldPath path)
    {
        if (lifecycle is null) return [];
        return Hook(lifecycle.PostStart, path.Child("postStart")).Concat(Hook(lifecycle.PreStop, path.Child("preStop")));
    }

    static IEnumerable<FieldError> Hook(V1LifecycleHandler? hook, FieldPath path)
    {
        if (hook is null) return [];
        return Handler(path, hook.Exec, hook.HttpGet, hook.TcpSocket, null, sleep: hook.Sleep is not null);
    }

    static IEnumerable<FieldError> Probe(V1Probe probe, FieldPath path)
    {
        var errs = Handler(path, probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc, sleep: false).ToList();
        foreach (var (field, value) in new[] { ("initialDelaySeconds", probe.InitialDelaySeconds), ("timeoutSeconds", probe.TimeoutSeconds),
                     ("periodSeconds", probe.PeriodSeconds), ("successThreshold", probe.SuccessThreshold), ("failureThreshold", probe.FailureThreshold) })
            if (value < 0) errs.Add(FieldError.Invalid(path.Child(field), (long)value, NonNegative));
        if (probe.TerminationGracePeriodSeconds is <= 0)
            errs.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), probe.TerminationGracePeriodSeconds.Value, "must be greater than 0"));
        return errs;
    }

    // Liveness and startup probes decide on one success; more would only delay a restart.
    static IEnumerable<FieldError> SuccessThresholdIsOne(V1Probe probe, FieldPath path) =>
        (probe.SuccessThreshold ?? 0) == 1 ? [] : [FieldError.Invalid(path.Child("successThreshold"), probe.SuccessThreshold ?? 0, "must be 1")];

    /// <summary>Exactly one handler; like kube-apiserver, only the first one set is checked further.</summary>
    static IEnumerable<FieldError> Handler(FieldPath path, V1ExecAction? exec, V1HTTPGetAction? http, V1TCPSocketAction? tcp, V1GRPCAction? grpc, bool sleep)
    {
        var handlers = new (string Name, bool Set, Func<FieldPath, IEnumerable<FieldError>> Check)[]
        {
            ("exec", exec is not null, at => exec!.Command is { Count: > 0 } ? [] : [FieldError.Required(at.Child("command"))]),
            ("httpGet", http is not null, at => HttpGet(http!, at)),
            ("tcpSocket", tcp is not null, at => PortValidation.NumberOrName(tcp!.Port, at.Child("port"))),
            ("grpc", grpc is not null, at => NameFormats.IsValidPortNum(grpc!.Port).Select(m => FieldError.Invalid(at.Child("port"), grpc.Port, m))),
            ("sleep", sleep, _ => []),
        };
        var errs = new List<FieldError>();
        var found = false;
        foreach (var (name, set, check) in handlers.Where(h => h.Set))
        {
            if (found) errs.Add(FieldError.Forbidden(path.Child(name), "may not specify more than 1 handler type"));
            else errs.AddRange(check(path.Child(name)));
            found = true;
        }
        if (!found) errs.Add(FieldError.Required(path, "must specify a handler type"));
        return errs;
    }

    static IEnumerable<FieldError> HttpGet(V1HTTPGetAction http, FieldPath at)
    {
        if (string.IsNullOrEmpty(http.Path)) yield return FieldError.Required(at.Child("path"));
        foreach (var e in PortValidation.NumberOrName(http.Port, at.Child("port"))) yield return e;
        if (!Schemes.Contains(http.Scheme ?? "")) yield return FieldError.NotSupported(at.Child("scheme"), http.Scheme ?? "", Schemes);
    }
}
