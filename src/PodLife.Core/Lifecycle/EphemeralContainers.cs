using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>
/// Ephemeral containers (`kubectl debug`) as the rest of the rules see them: an EphemeralContainer is a Container's
/// common fields plus its target, as kubelet converts it (v1.Container(ec.EphemeralContainerCommon)).
/// </summary>
public static class EphemeralContainers
{
    /// <summary>The container fields of <paramref name="ephemeral"/> (its target aside).</summary>
    public static V1Container AsContainer(V1EphemeralContainer ephemeral)
    {
        ArgumentNullException.ThrowIfNull(ephemeral);
        return new V1Container
        {
            Name = ephemeral.Name,
            Image = ephemeral.Image,
            Command = ephemeral.Command,
            Args = ephemeral.Args,
            WorkingDir = ephemeral.WorkingDir,
            Ports = ephemeral.Ports,
            EnvFrom = ephemeral.EnvFrom,
            Env = ephemeral.Env,
            Resources = ephemeral.Resources,
            ResizePolicy = ephemeral.ResizePolicy,
            RestartPolicy = ephemeral.RestartPolicy,
            VolumeMounts = ephemeral.VolumeMounts,
            VolumeDevices = ephemeral.VolumeDevices,
            LivenessProbe = ephemeral.LivenessProbe,
            ReadinessProbe = ephemeral.ReadinessProbe,
            StartupProbe = ephemeral.StartupProbe,
            Lifecycle = ephemeral.Lifecycle,
            TerminationMessagePath = ephemeral.TerminationMessagePath,
            TerminationMessagePolicy = ephemeral.TerminationMessagePolicy,
            ImagePullPolicy = ephemeral.ImagePullPolicy,
            SecurityContext = ephemeral.SecurityContext,
            Stdin = ephemeral.Stdin,
            StdinOnce = ephemeral.StdinOnce,
            Tty = ephemeral.Tty,
        };
    }
}
