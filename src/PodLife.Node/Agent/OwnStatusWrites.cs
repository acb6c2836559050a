using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace PodLife.Node.Agent;

/// <summary>
/// The pod versions a feed's nodes made themselves with a status write, so that the feed skips their watch events
/// without decoding them. A node hears every write to its pods back through its watch, its own status writes too: most
/// of the pod events its feed decoded in the lifecycle benchmark, each telling it only what it had just written.
/// <para>
/// A version counts as the node's own only when the node wrote it on the version it had seen last (the write named that
/// resourceVersion as a precondition, and the answer is a newer one): its event then differs from events the node has
/// had only in the status the node wrote. An answer without that precondition may be another writer's version: a write
/// that changes nothing is answered with the stored object, whose event carries that writer's change (a deletion, say).
/// </para>
/// </summary>
public sealed class OwnStatusWrites
{
    // Past this many pending versions something is amiss (their events should have come): they are forgotten.
    const int MaxPending = 100_000;

    readonly Lock _gate = new();
    readonly Dictionary<ulong, byte[]> _pending = []; // version → the UTF-8 uid of the pod written
    ulong _seen; // the newest version of the events the feed has looked at

    /// <summary>
    /// A node's write on the pod <paramref name="uid"/>, preconditioned on the version it had seen last, made
    /// <paramref name="version"/>: its event will be skipped, unless the feed has already passed it.
    /// </summary>
    public void Wrote(string uid, ulong version)
    {
        ArgumentNullException.ThrowIfNull(uid);
        lock (_gate)
        {
            if (version <= _seen) return;
            if (_pending.Count >= MaxPending) _pending.Clear();
            _pending[version] = Encoding.UTF8.GetBytes(uid);
        }
    }

    /// <summary>
    /// True when <paramref name="line"/> (a watch event's UTF-8 bytes) is the MODIFIED event of a version a node made
    /// itself, of the pod it wrote; every line looked at moves the feed's position, and a version is looked for once.
    /// </summary>
    public bool IsOwnWrite(ReadOnlySpan<byte> line)
    {
        if (!EventIdentity.TryRead(line, out var identity)) return false;
        byte[]? uid;
        lock (_gate)
        {
            if (identity.Version > _seen) _seen = identity.Version;
            if (!_pending.Remove(identity.Version, out uid)) return false;
        }
        return identity.IsModified && identity.Uid(line).SequenceEqual(uid);
    }

    /// <summary>The feed listed every pod at <paramref name="version"/>; no write it knew of will come as an event now.</summary>
    public void Listed(ulong version)
    {
        lock (_gate)
        {
            _seen = Math.Max(_seen, version);
            _pending.Clear();
        }
    }

    /// <summary>True while <paramref name="version"/> waits for its event (tests).</summary>
    internal bool Awaits(ulong version)
    {
        lock (_gate) return _pending.ContainsKey(version);
    }

    /// <summary>The number of versions waiting for their event (tests).</summary>
    internal int Pending
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    /// <summary>A resourceVersion as the API writes it (decimal digits), or null for any other text.</summary>
    public static ulong? Parse(string? resourceVersion) =>
        resourceVersion is { Length: > 0 } && ulong.TryParse(resourceVersion, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// What an event's line says of its object without decoding it: the event's type, and the object's own
    /// metadata.resourceVersion and uid (where they are in the metadata is the writer's choice, and a label or an
    /// annotation may have the same name, so the line is read as JSON, skipping every other value).
    /// </summary>
    readonly record struct EventIdentity(bool IsModified, ulong Version, int UidStart, int UidLength)
    {
        public ReadOnlySpan<byte> Uid(ReadOnlySpan<byte> line) => line.Slice(UidStart, UidLength);

        public static bool TryRead(ReadOnlySpan<byte> line, out EventIdentity identity)
        {
            identity = default;
            try
            {
                var reader = new Utf8JsonReader(line);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                bool? modified = null;
                (ulong Version, int Start, int Length)? meta = null;
                while ((modified is null || meta is null) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = reader.ValueTextEquals("type"u8) ? Field.Type : reader.ValueTextEquals("object"u8) ? Field.Object : Field.Other;
                    reader.Read();
                    if (field == Field.Type && reader.TokenType == JsonTokenType.String)
                        modified = reader.ValueTextEquals("MODIFIED"u8);
                    else if (field == Field.Object && reader.TokenType == JsonTokenType.StartObject)
                    {
                        // The reader stops inside the metadata: a type written after the object is not looked for.
                        meta = ReadObject(ref reader);
                        if (meta is null || modified is null) return false;
                    }
                    else
                        reader.Skip();
                }
                if (meta is not { } m) return false;
                identity = new EventIdentity(modified == true, m.Version, m.Start, m.Length);
                return true;
            }
            catch (JsonException)
            {
                return false; // not one of ours; a malformed line is reported by the decode that follows
            }
        }

        enum Field { Other, Type, Object, Version, Uid }

        // Inside the object: its metadata's resourceVersion and uid, the rest skipped; stops once it has both.
        static (ulong, int, int)? ReadObject(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (!isMetadata)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartObject) return null;
                ulong? version = null;
                (int Start, int Length)? uid = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = reader.ValueTextEquals("resourceVersion"u8) ? Field.Version : reader.ValueTextEquals("uid"u8) ? Field.Uid : Field.Other;
                    reader.Read();
                    if (field == Field.Other || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        reader.Skip();
                    else if (field == Field.Version)
                        version = Utf8Parser.TryParse(reader.ValueSpan, out ulong v, out var length) && length == reader.ValueSpan.Length ? v : null;
                    else
                        uid = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    if (version is { } found && uid is { } at) return (found, at.Start, at.Length);
                }
                return null;
            }
            return null;
        }
    }
}
