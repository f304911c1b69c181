using ActorKeys.Actors.Registry;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Server;

// Local-only messages: none is an IAk1Message and none has a serializer binding, so a remote peer cannot send them
// (the JSON and other catch-all serializers of a client-facing system refuse everything; see Inbound/).

/// <summary>Whether a mint is a client's first keystore (<c>init</c>, <c>provision</c>) or its next one (<c>clients rotate</c>).</summary>
public enum MintKind
{
    FirstIssue,
    Rotate,
}

/// <summary>Ask the <see cref="KeyAuthority"/> for a keystore's credentials for <paramref name="ClientId"/>. Local only.</summary>
public sealed record MintCredentials(string ClientId, MintKind Kind);

/// <summary>
/// The credentials minted, at <paramref name="Epoch"/> under the master key <paramref name="KeyIdHex"/>, already recorded
/// in the registry. The receiver writes them to a keystore and disposes <paramref name="Credentials"/>. Local only.
/// </summary>
public sealed record MintedCredentials(ClientCredentials Credentials, uint Epoch, string KeyIdHex);

/// <summary>Nothing was minted or recorded. <paramref name="Reason"/> is English, for logs; <paramref name="Error"/> says why. Local only.</summary>
public sealed record MintRefused(RegistryError Error, string Reason, string? Subject = null);

/// <summary>
/// Mints keystore credentials for the <see cref="KeyAuthority"/>: the registry picks the epoch (and records the issue
/// and its audit row in one transaction), the registry's current master key — which must be in
/// <paramref name="ring"/> — derives the access key. Does not own the store or the ring.
/// </summary>
public sealed class CredentialMinter(RegistryStore registry, IReadOnlyList<MasterSecret> ring)
{
    /// <summary>A <see cref="MintedCredentials"/> or a <see cref="MintRefused"/>; never throws for a refusal.</summary>
    public object Mint(MintCredentials request)
    {
        if (!Protocol.ClientId.IsValid(request.ClientId))
        {
            return new MintRefused(RegistryError.UnknownClient, "the client id is not valid");
        }
        try
        {
            var current = registry.ReadSnapshot().CurrentKeyId;
            var master = ring.FirstOrDefault(k => k.KeyIdHex == current);
            if (current is null || master is null)
            {
                return new MintRefused(current is null ? RegistryError.NoCurrentMasterKey : RegistryError.CurrentKeyNotInRing,
                    $"the registry's current master key {current} is not in the master key file", current);
            }
            var kind = request.Kind == MintKind.Rotate ? IssueKind.Rotate : IssueKind.FirstIssue;
            // Recorded before the keystore exists: a keystore that was written is always in the registry, and a
            // failed write leaves an issued epoch with no file, which the next rotate simply passes.
            var epoch = registry.Issue(request.ClientId, kind, master.KeyIdHex);
            var accessKey = master.DeriveAccessKey(request.ClientId, epoch);
            try
            {
                return new MintedCredentials(new ClientCredentials(request.ClientId, epoch, master.KeyId, accessKey), epoch, master.KeyIdHex);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(accessKey);
            }
        }
        catch (RegistryException e)
        {
            return new MintRefused(e.Error, e.Message, e.Subject);
        }
    }
}
