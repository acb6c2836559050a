using System.Text.RegularExpressions;

namespace PodLife.Testing;

/// <summary>
/// Lines kubectl itself logs because of a race in its own client, not because of anything the server did.
/// </summary>
/// <remarks>
/// kubectl up to 1.32 starts reading the exec WebSocket before it has created its streams. kube-apiserver (and
/// PodLife) opens the session with an empty message on the stdout channel, so that message can arrive first and
/// kubectl logs "Unknown stream id 1, discarding message" on stderr, against a real cluster too. Nothing is lost:
/// the message is empty. client-go 1.33 waits for its streams before reading (readyChan in remotecommand's
/// websocket.go). Tests that compare kubectl's stderr exactly drop that one line and nothing else.
/// </remarks>
public static partial class KubectlClientNoise
{
    [GeneratedRegex(@"^E\d{4} [0-9:.]+ +\d+ websocket\.go:\d+\] Unknown stream id \d+, discarding message\n", RegexOptions.Multiline)]
    private static partial Regex UnknownStreamLine();

    public static ProcessRunner.Result Strip(ProcessRunner.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with { StdErr = UnknownStreamLine().Replace(result.StdErr, "") };
    }
}
