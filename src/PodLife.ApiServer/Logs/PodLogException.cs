namespace PodLife.ApiServer.Logs;

/// <summary>A node's refusal to give a log, worded for the user; pods/log answers it with 400 BadRequest.</summary>
public sealed class PodLogException(string message) : Exception(message);
