using Akka.Actor;
using Akka.Serialization;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Wraps one of Akka.Remote's own serializers under its identifier and lets through only the manifests ActorKeys
/// needs from the wire; everything else becomes a counted <see cref="RefusedWireMessage"/>. The decision is made on
/// the manifest, before anything is constructed, and again on the value built (a serializer sees the type, never
/// the recipient, so the type is what can be decided here). Nothing it refuses throws: Akka.Remote would log each
/// failure, and a refused system message would fail the association's reader.
/// </summary>
/// <remarks>
/// Always a string-manifest serializer, whatever the wrapped one is: for the other kind Akka itself resolves the
/// manifest (a type name the peer wrote) before this code could refuse it.
/// </remarks>
public abstract class AllowListSerializer : SerializerWithStringManifest
{
    private readonly InboundRefusals _refusals;

    protected AllowListSerializer(ExtendedActorSystem system, Serializer inner) : base(system)
    {
        Inner = inner;
        _refusals = InboundRefusals.For(system);
    }

    protected Serializer Inner { get; }

    public sealed override int Identifier => Inner.Identifier;

    public sealed override byte[] ToBinary(object obj) => Inner.ToBinary(obj);

    public sealed override string Manifest(object o) => Akka.Serialization.Serialization.ManifestFor(Inner, o);

    public sealed override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TryAllow(manifest ?? "", out var type))
        {
            return Refuse($"manifest '{Shorten(manifest)}' is not on the inbound allow-list");
        }
        object value;
        try
        {
            value = Inner is SerializerWithStringManifest withManifest ? withManifest.FromBinary(bytes, manifest!) : Inner.FromBinary(bytes, type);
        }
        catch (Exception)
        {
            return Refuse("an allowed message did not decode");
        }
        return IsAllowedValue(value) ? value : Refuse($"{value?.GetType().Name ?? "null"} is not on the inbound allow-list");
    }

    /// <summary>True when <paramref name="manifest"/> names a message ActorKeys accepts; <paramref name="type"/> is its type.</summary>
    protected abstract bool TryAllow(string manifest, out Type? type);

    /// <summary>A second look at what was built (for example, whom a Watch names).</summary>
    protected virtual bool IsAllowedValue(object? value) => value is not null;

    private RefusedWireMessage Refuse(string reason) => _refusals.Refuse(system, Identifier, reason);

    // The manifest is peer-written text: it is published for diagnostics only, bounded.
    private static string Shorten(string? manifest) =>
        manifest is null ? "" : manifest.Length <= 64 ? manifest : manifest[..64] + "…";
}
