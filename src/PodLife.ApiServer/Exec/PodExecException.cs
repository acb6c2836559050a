namespace PodLife.ApiServer.Exec;

/// <summary>A node's refusal or failure to run an exec, worded as kube-apiserver reports the kubelet's answer.</summary>
public sealed class PodExecException(string message) : Exception(message);
