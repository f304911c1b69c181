using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// Issues keystores the one way the product does: each is minted by a <see cref="KeyAuthority"/> in a local actor
/// system (<see cref="LocalKeyAuthority"/>), which records it in the registry, and then written here, atomically with
/// mode 0600. Used by <c>init</c>, <c>provision</c> and <c>clients rotate</c>.
/// </summary>
public static class KeystoreMinting
{
    /// <param name="replace">Replace an existing keystore file (<c>clients rotate --force</c>); otherwise one is refused.</param>
    public static async Task MintAsync(RegistryStore registry, IReadOnlyList<MasterSecret> ring, IReadOnlyList<string> ids,
        MintKind kind, string folder, IReadOnlyDictionary<string, KeyProtection> protections, bool replace, TextWriter output)
    {
        RefuseWhileSomeMemberLacksTheCurrentKey(registry);
        await using var authority = LocalKeyAuthority.Start(registry, ring);
        foreach (var id in ids)
        {
            var answer = await authority.MintAsync(new MintCredentials(id, kind));
            if (answer is MintRefused refused)
            {
                throw RegistryErrorReport.Exception(refused.Error, registry.Path, refused.Subject ?? id);
            }
            var minted = (MintedCredentials)answer;
            using var credentials = minted.Credentials;
            var path = KeystoreFile.Save(folder, credentials, protections[id], DateTimeOffset.UtcNow, replace);
            output.WriteLine(Strings.WroteKeystore(id, path, minted.Epoch, minted.KeyIdHex, KeyIssuing.Describe(protections[id])));
        }
    }

    /// <summary>
    /// On a cluster node, a new master key becomes the one keystores are issued under only when every member holds it
    /// (as the node's core last recorded, see <c>cluster status</c>): a keystore of a key some node lacks would be refused
    /// there as <c>wrong-server</c>. Copy the master key file to every node first.
    /// </summary>
    private static void RefuseWhileSomeMemberLacksTheCurrentKey(RegistryStore registry)
    {
        var current = registry.ReadSnapshot().CurrentKeyId;
        if (current is null)
        {
            return; // the minter says so in its own words
        }
        var lacking = registry.ClusterMembers().Where(m => m.Status == "up" && !m.KeyIds.Contains(current)).Select(m => m.Address).ToList();
        if (lacking.Count > 0)
        {
            throw new CliException(ExitCode.Usage, Strings.CurrentKeyNotOnEveryMember(current, string.Join(", ", lacking)));
        }
    }
}
