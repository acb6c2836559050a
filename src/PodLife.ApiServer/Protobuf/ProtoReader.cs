namespace PodLife.ApiServer.Protobuf;

/// <summary>Reads the protobuf wire format (varints, fixed and length-delimited fields), as gogo-protobuf writes Kubernetes objects.</summary>
public sealed class ProtoReader(ReadOnlyMemory<byte> data)
{
    int _position;

    public bool AtEnd => _position >= data.Length;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field is 0 or > int.MaxValue) throw new ProtobufException($"proto: illegal tag {tag}");
        return ((int)field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (AtEnd) throw new ProtobufException("unexpected EOF");
            var b = data.Span[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new ProtobufException("proto: integer overflow");
    }

    public ReadOnlyMemory<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - _position)) throw new ProtobufException("unexpected EOF");
        var slice = data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>Skips a field this reader's caller does not know, as protobuf decoders do.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadLengthDelimited(); break;
            case 5: Advance(4); break;
            default: throw new ProtobufException($"proto: illegal wireType {wireType}");
        }
    }

    void Advance(int count)
    {
        if (data.Length - _position < count) throw new ProtobufException("unexpected EOF");
        _position += count;
    }
}
