namespace PodLife.Bench.Reporting;

/// <summary>Which way a figure improves.</summary>
public enum Better { Higher, Lower }

/// <summary>A published target for one figure, e.g. "at most 500 ms".</summary>
public sealed record Target(double Threshold, Better Better)
{
    public static Target AtLeast(double threshold) => new(threshold, Better.Higher);
    public static Target AtMost(double threshold) => new(threshold, Better.Lower);

    public bool IsMetBy(double value) => Better == Better.Higher ? value >= Threshold : value <= Threshold;
}

/// <summary>How a figure relates to the machine's physical limit measured in the same run.</summary>
public enum LimitKind
{
    /// <summary>Nothing to compare with (CPU-bound figures, memory).</summary>
    None,
    /// <summary>A throughput, shown as a share of the raw batched durable SQLite commit rate.</summary>
    DurableWrites,
    /// <summary>A latency, shown as a number of fsyncs (p50 of the raw fsync latency).</summary>
    Fsyncs,
}

/// <summary>One measured figure of one benchmark: "api / list 10000 pods as Table p50 = 412 ms (target ≤ 500 ms)".</summary>
public sealed record Figure(string Bench, string Name, double Value, string Unit, Target? Target = null, LimitKind Limit = LimitKind.None)
{
    public bool? Met => Target?.IsMetBy(Value);
}
