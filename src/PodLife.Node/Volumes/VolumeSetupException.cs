namespace PodLife.Node.Volumes;

/// <summary>A volume cannot be set up yet (its ConfigMap or Secret is missing); the message is kubelet's.</summary>
public sealed class VolumeSetupException(string volume, string message) : Exception(message)
{
    public string Volume { get; } = volume;

    /// <summary>The FailedMount event's message: <c>MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found</c>.</summary>
    public string EventMessage => $"MountVolume.SetUp failed for volume \"{Volume}\" : {Message}";
}
