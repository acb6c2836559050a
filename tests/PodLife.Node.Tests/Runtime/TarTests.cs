using System.Formats.Tar;
using System.Text;
using PodLife.Node.Exec;
using PodLife.Node.Runtime.Simulated.Processes;
using Member = PodLife.Node.Runtime.Simulated.Processes.TarEntry;
using TarEntry = System.Formats.Tar.TarEntry;

namespace PodLife.Node.Tests.Runtime;

/// <summary>tar in simulated containers, as <c>kubectl cp</c> runs it; archives checked against .NET's own tar reader and writer.</summary>
public sealed class TarTests
{
    static readonly Member[] Sample =
    [
        new("data", IsDirectory: true),
        new("data/a.txt", IsDirectory: false, "alpha\n"),
        new("data/empty", IsDirectory: false, ""),
        new("data/ünïcode.txt", IsDirectory: false, "grüße, 世界\n"),
        new(string.Join('/', Enumerable.Repeat("deep", 30)) + "/file.txt", IsDirectory: false, "long path\n"),
    ];

    static byte[] Bytes(string archive) => Encoding.UTF8.GetBytes(archive);

    [Fact]
    public void WhatItWritesNetsTarReaderReadsBack()
    {
        using var reader = new TarReader(new MemoryStream(Bytes(TarFormat.Write(Sample))));
        var read = new List<(string, TarEntryType, string)>();
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();
            read.Add((entry.Name, entry.EntryType, content));
        }

        Assert.Equal(Sample.Select(e => (e.IsDirectory ? e.Name + "/" : e.Name, e.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, e.Content)), read);
    }

    [Theory]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public void ItReadsWhatNetsTarWriterWritesInEachFormat(TarEntryFormat format)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, format, leaveOpen: true))
        {
            foreach (var e in Sample)
            {
                TarEntry entry = format switch
                {
                    TarEntryFormat.Ustar => new UstarTarEntry(e.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, e.Name),
                    TarEntryFormat.Pax => new PaxTarEntry(e.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, e.Name),
                    _ => new GnuTarEntry(e.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, e.Name),
                };
                if (!e.IsDirectory) entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(e.Content));
                writer.WriteEntry(entry);
            }
        }

        Assert.Equal(Sample, TarFormat.Read(Encoding.UTF8.GetString(stream.ToArray())));
    }

    [Fact]
    public void TextThatIsNotAnArchiveIsRefused() => Assert.Null(TarFormat.Read(new string('x', 1024)));

    static async Task<(int Code, string Out, string Err)> ExecAsync(RuntimeHarness node, string id, string[] command, string? stdin = null)
    {
        var (stdout, stderr) = (new MemoryStream(), new MemoryStream());
        var input = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var code = await node.Runtime.ExecAsync(id, command, false, new ExecStreams(input, stdout, stderr), RuntimeHarness.Token);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task KubectlCpsCommandsCopyADirectoryOutAndBackIn()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("mkdir -p /tmp/out/sub; echo one > /tmp/out/a.txt; echo two > /tmp/out/sub/b.txt; sleep 3600");

        // kubectl cp POD:/tmp/out DIR
        var (code, archive, err) = await ExecAsync(node, id, ["tar", "cf", "-", "/tmp/out"]);
        Assert.Equal((0, "tar: removing leading '/' from member names\n"), (code, err));
        Assert.Equal(
            [new Member("tmp/out", true), new("tmp/out/a.txt", false, "one\n"), new("tmp/out/sub", true), new("tmp/out/sub/b.txt", false, "two\n")],
            TarFormat.Read(archive)!);

        // kubectl cp DIR POD:/srv/in (a new directory: its parent is made as tar makes it)
        var upload = TarFormat.Write([new Member("in", true), new("in/c.txt", false, "three\n")]);
        Assert.Equal((0, "", ""), await ExecAsync(node, id, ["tar", "-xmf", "-", "-C", "/tmp"], upload));
        Assert.Equal((0, "three\n", ""), await ExecAsync(node, id, ["cat", "/tmp/in/c.txt"]));
        Assert.Equal((0, "in/\nin/c.txt\n", ""), await ExecAsync(node, id, ["tar", "tf", "-"], upload));
    }

    [Fact]
    public async Task FailuresAreBusyboxsWords()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");

        var (code, archive, err) = await ExecAsync(node, id, ["tar", "cf", "-", "/nope"]);
        Assert.Equal((1, "tar: removing leading '/' from member names\ntar: /nope: No such file or directory\n"), (code, err));
        Assert.Empty(TarFormat.Read(archive)!);
        Assert.Equal((1, "", "tar: invalid tar magic\n"), await ExecAsync(node, id, ["tar", "xf", "-"], "not an archive"));
        Assert.Equal((1, "", "tar: can't change directory to '/missing': No such file or directory\n"),
            await ExecAsync(node, id, ["tar", "-xf", "-", "-C", "/missing"], TarFormat.Write([])));
    }
}
