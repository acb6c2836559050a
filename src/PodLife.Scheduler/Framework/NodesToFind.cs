namespace PodLife.Scheduler.Framework;

/// <summary>
/// How many feasible nodes a cycle looks for before it stops filtering (schedule_one.go numFeasibleNodesToFind):
/// all nodes below 100; otherwise an adaptive share, 50% minus 1% per 125 nodes, at least 5% and at least 100 nodes.
/// </summary>
public static class NodesToFind
{
    const int MinNodes = 100;
    const int MinPercentage = 5;
    const int BasePercentage = 50;

    /// <param name="percentageOfNodesToScore">0 for the adaptive default, as kube-scheduler's percentageOfNodesToScore.</param>
    public static int For(int allNodes, int percentageOfNodesToScore = 0)
    {
        if (allNodes < MinNodes || percentageOfNodesToScore >= 100)
            return allNodes;
        var percentage = percentageOfNodesToScore > 0
            ? percentageOfNodesToScore
            : Math.Max(MinPercentage, BasePercentage - allNodes / 125);
        return Math.Max(MinNodes, (int)((long)allNodes * percentage / 100));
    }
}
