using System.Runtime.InteropServices;
using PodLife.Bench.Reporting;

namespace PodLife.Store.Tests;

/// <summary>`bench all` runs every benchmark in one process; each reads its own peak RSS after starting it over.</summary>
public sealed class MachinePeakRssTests
{
    [Fact]
    public void APeakStartedOverIsTheCurrentSizeNotAnEarlierOne()
    {
        Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "the bench reads /proc: Linux only");
        // Touch 256 MiB outside the GC heap (a block that large is its own mapping, given back on free), so the peak
        // is that much above what the process keeps after.
        const int size = 256 << 20, chunk = 1 << 20;
        var ones = new byte[chunk];
        Array.Fill(ones, (byte)1);
        var block = Marshal.AllocHGlobal(size);
        for (var offset = 0; offset < size; offset += chunk) Marshal.Copy(ones, 0, block + offset, chunk);
        Marshal.FreeHGlobal(block);
        var current = Machine.ProcStatusBytes("self", "VmRSS")!.Value;
        Assert.True(Machine.PeakRssBytes() >= current + (200L << 20), "the touched block raised the peak");

        Assert.True(Machine.ResetPeakRss());

        Assert.True(Machine.PeakRssBytes() < current + (64L << 20), $"peak {Machine.PeakRssBytes() >> 20} MiB, current {current >> 20} MiB");
    }
}
