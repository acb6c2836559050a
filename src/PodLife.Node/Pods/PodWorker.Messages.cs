using System.Text;
using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

// Termination messages (kuberuntime_container.go toKubeContainerStatus, getTerminationMessage): the runtime's message,
// then what the container wrote to its terminationMessagePath file; with FallbackToLogsOnError a failed container whose
// file is empty reports the tail of its log instead. The status manager keeps at most 12 KiB per pod
// (MaxPodTerminationMessageLogLength), split evenly over the containers.
public sealed partial class PodWorker
{
    const int FallbackMaxLines = 80;
    const int FallbackMaxBytes = 2048;
    const int MaxPodMessageBytes = 12 * 1024;
    readonly Dictionary<string, string?> _messages = [];

    async Task UpdateTerminationMessagesAsync(Instances instances, CancellationToken ct)
    {
        var perContainer = MaxPodMessageBytes / Math.Max(1, _records.Count);
        foreach (var record in _records.Values)
        {
            if (instances.Latest(record.Name) is not { State: Runtime.ContainerState.Exited } exited)
            {
                record.TerminationMessage = null;
                continue;
            }
            if (!_messages.TryGetValue(exited.Id, out var message))
            {
                var written = _ctx.Volumes is null ? ""
                    : await _ctx.Volumes.TerminationMessageAsync(Uid, record.Name, exited.Config.Attempt, ct).ConfigureAwait(false);
                message = string.IsNullOrEmpty(written) ? exited.Message
                    : string.IsNullOrEmpty(exited.Message) ? written : $"{exited.Message}: {written}";
                if (string.IsNullOrEmpty(message) && exited.ExitCode != 0 && record.Spec.TerminationMessagePolicy == "FallbackToLogsOnError")
                {
                    var lines = await _ctx.Runtime.ReadLogAsync(exited.Id, ct).ConfigureAwait(false);
                    message = Tail(lines);
                }
                _messages[exited.Id] = message = FirstBytes(message, perContainer);
            }
            record.TerminationMessage = message;
        }
    }

    static string Tail(IReadOnlyList<LogLine> lines)
    {
        var text = string.Join("\n", lines.TakeLast(FallbackMaxLines).Select(l => l.Text)) + (lines.Count > 0 ? "\n" : "");
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length > FallbackMaxBytes ? Encoding.UTF8.GetString(bytes, bytes.Length - FallbackMaxBytes, FallbackMaxBytes) : text;
    }

    // Go slices the string by bytes; a character cut in two becomes U+FFFD when the status is encoded.
    static string? FirstBytes(string? text, int max)
    {
        if (text is null) return null;
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length > max ? Encoding.UTF8.GetString(bytes, 0, max) : text;
    }
}
