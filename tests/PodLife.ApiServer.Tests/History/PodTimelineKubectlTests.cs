using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The real kubectl (v1.32) explaining and printing podtimelines from the served OpenAPI documents.</summary>
public sealed class PodTimelineKubectlTests(ITestOutputHelper output) : InProcessKubectlTests(output)
{
    [Fact]
    public async Task KubectlExplainDescribesAPodTimelineAndItsEntries()
    {
        var kind = await Kubectl("explain", "podtimeline");
        var entries = await Kubectl("explain", "pt.entries");

        Assert.Equal(0, kind.ExitCode);
        Assert.StartsWith("GROUP:      podlife.dev\nKIND:       PodTimeline\nVERSION:    v1\n\nDESCRIPTION:\n    PodTimeline is the recorded lifecycle history of one pod", kind.StdOut);
        Assert.Matches(new Regex(@"\n  current\t<TimelineCurrent>\n    Where the pod is now\.\n"), kind.StdOut);
        Assert.Matches(new Regex(@"\n  entries\t<\[\]TimelineEntry>\n"), kind.StdOut);
        Assert.Matches(new Regex(@"\n  metadata\t<ObjectMeta>\n"), kind.StdOut);
        Assert.Equal(0, entries.ExitCode);
        Assert.Contains("FIELD: entries <[]TimelineEntry>", entries.StdOut);
        Assert.Matches(new Regex(@"\n  exitCode\t<integer>\n    A terminated container's exit code\.\n"), entries.StdOut);
        Assert.Matches(new Regex(@"\n  time\t<string>\n"), entries.StdOut);
    }

    [Fact]
    public async Task KubectlPrintsARecordedTimelineAsYamlAndAsATable()
    {
        await new PodLifeScript(Api).CreateAsync();

        var yaml = await Kubectl("get", "podtimeline", "web", "-o", "yaml");
        var table = await Kubectl("get", "pt");

        Assert.Equal(0, yaml.ExitCode);
        Assert.Equal("", yaml.StdErr);
        Assert.StartsWith("apiVersion: podlife.dev/v1\n", yaml.StdOut);
        Assert.Contains("\nkind: PodTimeline\n", yaml.StdOut);
        Assert.Matches(new Regex(@"\nentries:\n- kind: Phase\n(  .*\n)*?  to: Pending\n"), yaml.StdOut);
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(new Regex(@"^NAME\s+STAGE\s+PHASE\s+RESTARTS\s+LAST REASON\s+IN STAGE\s+AGE\nweb\s+Initializing\s+Pending\s+0\s+"), table.StdOut);
    }
}
