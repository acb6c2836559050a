using System.Diagnostics;
using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

public sealed class SqliteDurabilityTests
{
    static readonly string CrashWriter = Path.Combine(AppContext.BaseDirectory, "PodLife.Store.CrashWriter.dll");

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesSigkillOfTheWriterTwentyTimesOver()
    {
        using var dir = new TempDirectory();
        var acknowledged = new List<string>();
        var random = new Random(20);
        for (var run = 0; run < 20; run++)
        {
            // Kill at a different moment each time: after 1 to 300 acknowledged writes.
            acknowledged.AddRange(await RunAndKillAsync(dir.Path, run, killAfter: random.Next(1, 300)));

            await using var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1000);
            var present = (await store.ListAsync("/registry/crash/", ListOptions.All)).Items.Select(i => i.Key).ToHashSet();
            var missing = acknowledged.Where(k => !present.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"run {run}: {missing.Count} acknowledged writes lost, e.g. {missing.FirstOrDefault()}");
        }
    }

    // Starts the writer, reads acknowledgements until `killAfter` of them, then SIGKILLs it mid-stream.
    static async Task<List<string>> RunAndKillAsync(string dataDir, int run, int killAfter)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CrashWriter, dataDir, run.ToString() }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var acks = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acks.Count < killAfter && await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                if (line.EndsWith(';')) acks.Add(line[..^1]);
        }
        finally { p.Kill(); } // SIGKILL on Unix: no chance to flush or close anything
        // Acknowledgements printed before the kill are promises too: read what is left in the pipe.
        while (await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.EndsWith(';')) acks.Add(line[..^1]);
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(acks.Count >= killAfter, $"the writer stopped early: {await stderr}");
        return acks;
    }
}
