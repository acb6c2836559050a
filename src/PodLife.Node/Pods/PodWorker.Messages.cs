using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

// terminationMessagePolicy FallbackToLogsOnError (kuberuntime_container.go getTerminationMessage): a failed container
// with an empty termination message reports the tail of its log instead.
public sealed partial class PodWorker
{
    const int FallbackMaxLines = 80;
    const int FallbackMaxBytes = 2048;
    readonly Dictionary<string, string?> _messages = [];

    async Task UpdateTerminationMessagesAsync(Instances instances, CancellationToken ct)
    {
        foreach (var record in _records.Values)
        {
            if (instances.Latest(record.Name) is not { State: Runtime.ContainerState.Exited } exited)
            {
                record.TerminationMessage = null;
                continue;
            }
            if (!_messages.TryGetValue(exited.Id, out var message))
            {
                message = exited.Message;
                if (string.IsNullOrEmpty(message) && exited.ExitCode != 0 && record.Spec.TerminationMessagePolicy == "FallbackToLogsOnError")
                {
                    var lines = await _ctx.Runtime.ReadLogAsync(exited.Id, ct).ConfigureAwait(false);
                    message = Tail(lines);
                }
                _messages[exited.Id] = message;
            }
            record.TerminationMessage = message;
        }
    }

    static string Tail(IReadOnlyList<LogLine> lines)
    {
        var text = string.Join("\n", lines.TakeLast(FallbackMaxLines).Select(l => l.Text)) + (lines.Count > 0 ? "\n" : "");
        return text.Length > FallbackMaxBytes ? text[^FallbackMaxBytes..] : text;
    }
}
