using System.Text;
using PodLife.Core.Printing;
using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>Renders a <see cref="PodExplanation"/> as plain text; ANSI colours only when asked (a terminal).</summary>
public static class ExplanationText
{
    public static string Render(PodExplanation e, DateTimeOffset now, bool color = false)
    {
        var paint = new Paint(color);
        var text = new StringBuilder();
        text.AppendLine($"Pod {e.Namespace}/{e.Name}{(e.Node is null ? "" : $" on node {e.Node}")}");
        text.AppendLine($"Stage:    {paint.Stage(e.Stage, StageName(e.Stage))} - {e.StageReason}");
        text.AppendLine($"Phase:    {e.Phase}  (kubectl: STATUS {e.Status}, READY {e.Ready}, RESTARTS {e.Restarts}, AGE {e.Age})");

        if (e.Conditions.Count > 0)
        {
            text.AppendLine().AppendLine(paint.Bold("Conditions not True:"));
            foreach (var c in e.Conditions)
                text.AppendLine($"  {c.Type}={c.Status}{Part(c.Reason)}{Part(c.Message)}{Since(c.Since, now)}");
        }

        text.AppendLine().AppendLine(paint.Bold("Containers:"));
        foreach (var c in e.Containers) Container(text, c, now);

        if (e.Services.Count > 0)
        {
            text.AppendLine().AppendLine(paint.Bold("Services:"));
            foreach (var s in e.Services) text.AppendLine($"  {s.Name}: {s.Note}");
        }

        List(text, paint.Bold("What happens next:"), e.Next);
        List(text, paint.Bold("What you can do:"), e.Actions);
        if (e.History.Count > 0)
        {
            text.AppendLine().AppendLine(paint.Bold("Time in each stage:"));
            foreach (var s in e.History)
                text.AppendLine($"  {StageName(s.Stage),-16} {HumanDuration.Format(s.Duration),-6} from {s.Start:yyyy-MM-ddTHH:mm:ssZ}{(s.Current ? " (current)" : "")}: {s.Detail}");
        }
        return text.ToString();
    }

    static void Container(StringBuilder text, ContainerExplanation c, DateTimeOffset now)
    {
        text.AppendLine($"  {c.Name} ({c.Kind}, image {c.Image}): ready {(c.Ready ? "yes" : "no")}, restarts {c.RestartCount}");
        var exit = c.ExitCode is { } code ? $", exit code {code}" : "";
        text.AppendLine($"    {c.State}{Part(c.Reason)}{exit}{Part(c.Message)}{Since(c.Since, now)}");
        if (c.LastExit is { } last)
            text.AppendLine($"    last run: {last.Reason ?? "exited"}, exit code {last.ExitCode}{Part(last.Message)}{Ran(last)}");
    }

    static void List(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        text.AppendLine().AppendLine(title);
        foreach (var line in lines) text.AppendLine($"  - {line}");
    }

    /// <summary>The stage as users learn it: "initializing", "ready to run", "normal operation", "terminated", "error".</summary>
    public static string StageName(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Initializing => "initializing",
        LifecycleStage.ReadyToRun => "ready to run",
        LifecycleStage.NormalOperation => "normal operation",
        LifecycleStage.Terminated => "terminated",
        _ => "error",
    };

    static string Part(string? s) => s is null ? "" : $": {s}";

    static string Since(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? $" (since {HumanDuration.Format(now - t)} ago)" : "";

    // A container that never started (StartError) shows the epoch as its start, as kubelet reports it.
    static string Ran(ContainerExit last) => (last.StartedAt, last.FinishedAt) switch
    {
        ({ } s, { } f) when s == DateTimeOffset.UnixEpoch => $" (never ran, ended {f:yyyy-MM-ddTHH:mm:ssZ})",
        ({ } s, { } f) => $" (ran {HumanDuration.Format(f - s)}, ended {f:yyyy-MM-ddTHH:mm:ssZ})",
        _ => "",
    };

    sealed class Paint(bool on)
    {
        public string Bold(string s) => on ? $"\e[1m{s}\e[0m" : s;

        public string Stage(LifecycleStage stage, string s) => !on ? s : stage switch
        {
            LifecycleStage.Error => $"\e[1;31m{s}\e[0m",
            LifecycleStage.NormalOperation => $"\e[1;32m{s}\e[0m",
            LifecycleStage.Terminated => $"\e[1;34m{s}\e[0m",
            _ => $"\e[1;33m{s}\e[0m",
        };
    }
}
