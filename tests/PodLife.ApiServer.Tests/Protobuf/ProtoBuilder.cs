using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>
/// Builds a protobuf message field by field with Google.Protobuf's encoder (independent of the server's reader), the
/// way gogo-protobuf writes Kubernetes objects: scalars as varints, strings, bytes and messages length-delimited.
/// </summary>
public sealed class ProtoBuilder
{
    readonly MemoryStream _bytes = new();
    readonly CodedOutputStream _out;

    public ProtoBuilder() => _out = new CodedOutputStream(_bytes, leaveOpen: true);

    public ProtoBuilder Str(int field, string value)
    {
        _out.WriteTag(field, WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoBuilder Strs(int field, params string[] values)
    {
        foreach (var value in values) Str(field, value);
        return this;
    }

    public ProtoBuilder Int(int field, long value)
    {
        _out.WriteTag(field, WireType.Varint);
        _out.WriteInt64(value);
        return this;
    }

    /// <summary>A repeated integer field packed into one length-delimited run, as proto3 encoders write it.</summary>
    public ProtoBuilder Packed(int field, params long[] values)
    {
        var run = new MemoryStream();
        var runOut = new CodedOutputStream(run);
        foreach (var value in values) runOut.WriteInt64(value);
        runOut.Flush();
        return Bytes(field, run.ToArray());
    }

    public ProtoBuilder Bool(int field, bool value)
    {
        _out.WriteTag(field, WireType.Varint);
        _out.WriteBool(value);
        return this;
    }

    public ProtoBuilder Bytes(int field, byte[] value)
    {
        _out.WriteTag(field, WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoBuilder Msg(int field, ProtoBuilder message) => Bytes(field, message.ToArray());

    /// <summary>An empty message (an empty struct that is set, such as <c>emptyDir: {}</c>).</summary>
    public ProtoBuilder Msg(int field) => Msg(field, new ProtoBuilder());

    /// <summary>One entry of a map&lt;string, string&gt;.</summary>
    public ProtoBuilder Entry(int field, string key, string value) => Msg(field, new ProtoBuilder().Str(1, key).Str(2, value));

    /// <summary>One entry of a map&lt;string, resource.Quantity&gt;.</summary>
    public ProtoBuilder Quantity(int field, string key, string quantity) => Msg(field, new ProtoBuilder().Str(1, key).Msg(2, Q(quantity)));

    /// <summary>A resource.Quantity {string = 1}.</summary>
    public static ProtoBuilder Q(string quantity) => new ProtoBuilder().Str(1, quantity);

    /// <summary>A metav1.Time or MicroTime {seconds = 1, nanos = 2}.</summary>
    public static ProtoBuilder Time(DateTimeOffset time) =>
        new ProtoBuilder().Int(1, time.ToUnixTimeSeconds()).Int(2, (int)(time.Ticks % TimeSpan.TicksPerSecond * 100));

    /// <summary>An intstr.IntOrString holding a number (type 0) or a name (type 1).</summary>
    public static ProtoBuilder Port(int number) => new ProtoBuilder().Int(1, 0).Int(2, number);

    public static ProtoBuilder Port(string name) => new ProtoBuilder().Int(1, 1).Str(3, name);

    public byte[] ToArray()
    {
        _out.Flush();
        return _bytes.ToArray();
    }

    /// <summary>The request body: "k8s\0" and a runtime.Unknown {typeMeta {apiVersion, kind}, raw}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoBuilder obj) =>
        [.. "k8s\0"u8, .. new ProtoBuilder().Msg(1, new ProtoBuilder().Str(1, apiVersion).Str(2, kind)).Bytes(2, obj.ToArray()).ToArray()];
}
