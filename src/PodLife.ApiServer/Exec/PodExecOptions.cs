using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Exec;

/// <summary>
/// pods/exec's query string (core/v1 PodExecOptions: command, container, stdin, stdout, stderr, tty), or pods/attach's
/// (PodAttachOptions: the same without command).
/// </summary>
public sealed record PodExecOptions(string Container, IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <exception cref="StatusException">400 for flags that do not parse or a request without command (exec) or streams.</exception>
    public static PodExecOptions Parse(IQueryCollection query, bool attach = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var tty = QueryFlag.Parse(One("tty"));
        var options = new PodExecOptions(
            One("container") ?? "", attach ? [] : [.. query["command"].Select(c => c ?? "")],
            QueryFlag.Parse(One("stdin")), QueryFlag.Parse(One("stdout")),
            // A terminal has no separate stderr (kubelet's NewOptions drops it).
            QueryFlag.Parse(One("stderr")) && !tty, tty);
        if (options.Command.Count == 0 && !attach) throw Errors.BadRequest("you must specify at least 1 command");
        if (!options.Stdin && !options.Stdout && !options.Stderr) throw Errors.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        return options;
    }

    /// <summary>The node's request for <paramref name="container"/> of the pod.</summary>
    public PodExecRequest Request(string ns, string pod, string container) =>
        new(ns, pod, container, Command, Stdin, Stdout, Stderr, Tty);
}
