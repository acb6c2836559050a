using k8s;
using k8s.Models;

namespace PodLife.Ui.Tests;

/// <summary>The pods the UI tests create: one busybox container running a shell command on a simulated node.</summary>
public static class TestPods
{
    /// <summary>Keeps running (a command the simulated runtime does not know runs like a server).</summary>
    public static V1Pod Server(string name, string app = "web") => Pod(name, app, ["sleep", "3600"], "Always");

    /// <summary>Exits 1 at once and is restarted with back-off: CrashLoopBackOff.</summary>
    public static V1Pod Crashing(string name) => Pod(name, "crash", ["sh", "-c", "exit 1"], "Always");

    /// <summary>Exits 0 and stays Completed.</summary>
    public static V1Pod Completing(string name) => Pod(name, "job", ["sh", "-c", "echo done"], "Never");

    static V1Pod Pod(string name, string app, string[] command, string restartPolicy) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = [new V1Container { Name = "app", Image = "busybox:1.36", Command = command }],
        },
    };

    public static Task<V1Pod> CreateAsync(this IKubernetes client, string ns, V1Pod pod) =>
        client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);
}
