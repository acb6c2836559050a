using System.Globalization;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Exec;

/// <summary>
/// The metav1.Status an exec ends with on the error channel (v4/v5 protocols), as kube-apiserver's stream translator
/// writes it: Success, NonZeroExitCode with an ExitCode cause (kubectl exits with that code and prints
/// "command terminated with exit code N"), or InternalError for a node's refusal.
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
}
