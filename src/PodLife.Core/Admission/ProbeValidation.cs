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

    /// <summary>Exactly one handler, each well formed.</summary>
    static IEnumerable<FieldError> Handler(FieldPath path, V1ExecAction? exec, V1HTTPGetAction? http, V1TCPSocketAction? tcp, V1GRPCAction? grpc, bool sleep)
    {
        var set = new List<string>();
        var errs = new List<FieldError>();
        if (exec is not null)
        {
            set.Add("exec");
            if (exec.Command is not { Count: > 0 }) errs.Add(FieldError.Required(path.Child("exec", "command")));
        }
        if (http is not null)
        {
            set.Add("httpGet");
            if (string.IsNullOrEmpty(http.Path)) errs.Add(FieldError.Required(path.Child("httpGet", "path")));
            errs.AddRange(PortValidation.NumberOrName(http.Port, path.Child("httpGet", "port")));
            if (!Schemes.Contains(http.Scheme ?? "")) errs.Add(FieldError.NotSupported(path.Child("httpGet", "scheme"), http.Scheme ?? "", Schemes));
        }
        if (tcp is not null)
        {
            set.Add("tcpSocket");
            errs.AddRange(PortValidation.NumberOrName(tcp.Port, path.Child("tcpSocket", "port")));
        }
        if (grpc is not null)
        {
            set.Add("grpc");
            errs.AddRange(NameFormats.IsValidPortNum(grpc.Port).Select(m => FieldError.Invalid(path.Child("grpc", "port"), grpc.Port, m)));
        }
        if (sleep) set.Add("sleep");
        if (set.Count == 0) errs.Insert(0, FieldError.Required(path, "must specify a handler type"));
        errs.AddRange(set.Skip(1).Select(extra => FieldError.Forbidden(path.Child(extra), "may not specify more than 1 handler type")));
        return errs;
    }
}
