using Google.Protobuf;

namespace PodLife.Store.Etcd;

/// <summary>Maps store keys to etcd keys under a namespace prefix (so that several users can share one etcd) and back.</summary>
sealed class EtcdKeys(string ns)
{
    public ByteString Key(string key) => ByteString.CopyFromUtf8(ns + key);

    /// <summary>The etcd key just after <paramref name="key"/>: where the page after a continue key starts.</summary>
    public ByteString After(string key) => ByteString.CopyFromUtf8(ns + key + "\0");

    /// <summary>The end (exclusive) of the etcd key range holding every key that starts with <paramref name="prefix"/>.</summary>
    public ByteString RangeEnd(string prefix)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(ns + prefix);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] == 0xFF) continue;
            bytes[i]++;
            return ByteString.CopyFrom(bytes, 0, i + 1);
        }
        return ByteString.CopyFrom(0); // "\0" as range end means "to the end of the key space"
    }

    public KeyValue ToKeyValue(Mvccpb.KeyValue kv) =>
        new(kv.Key.ToStringUtf8()[ns.Length..], kv.Value.ToByteArray(), kv.CreateRevision, kv.ModRevision);
}
