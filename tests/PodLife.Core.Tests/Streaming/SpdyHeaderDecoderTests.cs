using PodLife.Core.Streaming.Spdy;

namespace PodLife.Core.Tests.Streaming;

/// <summary>Header blocks as a peer compresses them: zlib with the SPDY/3 dictionary, one stream per direction.</summary>
public sealed class SpdyHeaderDecoderTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void TheDictionaryIsTheProtocolsByItsLengthAndChecksum()
    {
        var dictionary = SpdyHeaderDecoder.Dictionary();

        Assert.Equal(1423, dictionary.Length);
        Assert.Equal(SpdyHeaderDecoder.DictionaryId, Adler32(dictionary));
    }

    [Fact]
    public async Task ConsecutiveBlocksOfOneZlibStreamDecodeWithBackReferencesIntoTheDictionary()
    {
        // Made with zlib itself (Python's zlib.compressobj(zdict=dictionary), each block ended by Z_SYNC_FLUSH), as
        // kubectl's Go zlib writer sends port-forward's stream headers.
        var first = Convert.FromHexString("78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff");
        var second = Convert.FromHexString("02c963680595428944e84414e7cc890c4900000000ffff");
        await using var decoder = new SpdyHeaderDecoder();

        var error = await decoder.DecodeAsync(first, Token);
        var data = await decoder.DecodeAsync(second, Token);

        Assert.Equal("streamtype=error port=80 requestid=0", Text(error));
        Assert.Equal("streamtype=data port=80 requestid=0 accept=a accept=b", Text(data));
    }

    [Fact]
    public async Task ABlockCompressedAgainstAnotherDictionaryIsRefused()
    {
        var other = Convert.FromHexString("78f9000000010000ffff");
        await using var decoder = new SpdyHeaderDecoder();

        var e = await Assert.ThrowsAsync<SpdyException>(() => decoder.DecodeAsync(other, Token));
        Assert.Equal("a SPDY header block names another zlib dictionary", e.Message);
    }

    static string Text(IReadOnlyList<KeyValuePair<string, string>> headers) => string.Join(' ', headers.Select(h => $"{h.Key}={h.Value}"));

    static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }
}
