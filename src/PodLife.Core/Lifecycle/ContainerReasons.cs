namespace PodLife.Core.Lifecycle;

/// <summary>Container state reasons as kubelet and the CRI runtimes write them (kubelet_pods.go, images/types.go, container/sync_result.go).</summary>
public static class ContainerReasons
{
    // Waiting: defaults before the runtime reports anything.
    public const string ContainerCreating = "ContainerCreating";
    public const string PodInitializing = "PodInitializing";

    // Waiting: errors.
    public const string CrashLoopBackOff = "CrashLoopBackOff";
    public const string ErrImagePull = "ErrImagePull";
    public const string ImagePullBackOff = "ImagePullBackOff";
    public const string InvalidImageName = "InvalidImageName";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string RegistryUnavailable = "RegistryUnavailable";
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string CreateContainerError = "CreateContainerError";
    public const string RunContainerError = "RunContainerError";
    public const string PreStartHookError = "PreStartHookError";
    public const string PostStartHookError = "PostStartHookError";

    // Terminated.
    public const string Completed = "Completed";
    public const string Error = "Error";
    public const string OOMKilled = "OOMKilled";
    public const string StartError = "StartError";
    public const string ContainerCannotRun = "ContainerCannotRun";
    public const string ContainerStatusUnknown = "ContainerStatusUnknown";

    /// <summary>Waiting reasons that mean "not there yet" rather than "something is wrong".</summary>
    public static bool IsBenignWaiting(string? reason) =>
        string.IsNullOrEmpty(reason) || reason is ContainerCreating or PodInitializing;
}
