namespace PodLife.Scheduler.Framework;

/// <summary>The verdict of one filter plugin on one node, with kube-scheduler's reason strings.</summary>
public readonly record struct FilterResult(FilterCode Code, IReadOnlyList<string> Reasons)
{
    public static readonly FilterResult Success = new(FilterCode.Success, []);

    public bool IsSuccess => Code == FilterCode.Success;

    public static FilterResult Unschedulable(params string[] reasons) => new(FilterCode.Unschedulable, reasons);

    public static FilterResult Unresolvable(string reason) => new(FilterCode.UnschedulableAndUnresolvable, [reason]);
}
