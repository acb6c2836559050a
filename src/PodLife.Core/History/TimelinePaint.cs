namespace PodLife.Core.History;

/// <summary>ANSI colours for the timeline, or none (not a terminal, NO_COLOR).</summary>
sealed class TimelinePaint(bool on)
{
    public string Bold(string s) => on ? $"\e[1m{s}\e[0m" : s;

    public string Stage(string stage) => Stage(stage, stage);

    public string Stage(string stage, string s) => !on ? s : stage switch
    {
        "Error" => $"\e[31m{s}\e[0m",
        "NormalOperation" => $"\e[32m{s}\e[0m",
        "Terminated" => $"\e[34m{s}\e[0m",
        _ => $"\e[33m{s}\e[0m",
    };

    public string Event(string type) => on && type == "Warning" ? $"\e[33m{type}\e[0m" : type;
}
