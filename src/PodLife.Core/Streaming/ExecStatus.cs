using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.Core.Streaming;

/// <summary>
/// The metav1.Status an exec ends with on the error channel (v4/v5 protocols), as kube-apiserver's stream translator
/// writes it: Success, NonZeroExitCode with an ExitCode cause (kubectl exits with that code and prints
/// "command terminated with exit code N"), or InternalError for a node's refusal. Kubelets (and containerd's
/// streaming server) end their exec sessions the same way, so <see cref="Read"/> reads what a node sent.
/// </summary>
public static class ExecStatus
{
    public static JsonObject Exited(int exitCode) => exitCode == 0
        ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
        : new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = $"command terminated with non-zero exit code: command terminated with exit code {exitCode.ToString(CultureInfo.InvariantCulture)}",
            ["reason"] = "NonZeroExitCode",
            ["details"] = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(CultureInfo.InvariantCulture) }),
            },
        };

    /// <summary>apierrors.NewInternalError: kubectl prints "error: Internal error occurred: …".</summary>
    public static JsonObject InternalError(string message) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"Internal error occurred: {message}",
        ["reason"] = "InternalError",
        ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) },
        ["code"] = 500,
    };

    /// <summary>
    /// What an exec's Status says: the exit code (0 for Success or no Status at all), or else the failure in the node's
    /// words (the first cause's message of an InternalError, which is its message without "Internal error occurred: ").
    /// </summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static (int? ExitCode, string? Failure) Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty) return (0, null);
        var root = JsonNode.Parse(json) as JsonObject;
        if (root?["status"]?.GetValueKind() == JsonValueKind.String && (string?)root["status"] == "Success") return (0, null);
        var causes = root?["details"]?["causes"] as JsonArray;
        if ((root?["reason"] as JsonValue)?.ToString() == "NonZeroExitCode")
        {
            foreach (var cause in causes ?? [])
            {
                if ((cause?["reason"] as JsonValue)?.ToString() == "ExitCode"
                    && int.TryParse((cause?["message"] as JsonValue)?.ToString(), CultureInfo.InvariantCulture, out var code)) return (code, null);
            }
        }
        var failure = (causes?.FirstOrDefault()?["message"] as JsonValue)?.ToString()
            ?? (root?["message"] as JsonValue)?.ToString()
            ?? System.Text.Encoding.UTF8.GetString(json);
        return (null, failure);
    }
}
