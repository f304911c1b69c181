using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorKeys.KeyStore;

/// <summary>
/// One key file, parsed and validated, or about to be written. Holds either the plain key or the sealed one;
/// zeroes the plain key on <see cref="Dispose"/>.
/// </summary>
internal sealed class KeyFileDocument : IDisposable
{
    public required KeyFileKind Kind { get; init; }

    /// <summary>Null for the master key file.</summary>
    public string? ClientId { get; init; }

    public uint Epoch { get; init; }

    /// <summary>Lowercase hex of the 8-byte keyId.</summary>
    public required string Issuer { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required byte[] Check { get; init; }

    /// <summary>Set when <c>protection</c> is "none".</summary>
    public byte[]? PlainKey { get; init; }

    /// <summary>Set when <c>protection</c> is "argon2id".</summary>
    public SealedKey? Sealed { get; init; }

    public string Protection => Sealed is null ? KeyFileFormat.ProtectionNone : KeyFileFormat.ProtectionArgon2id;

    public string CreatedText => Created.ToUniversalTime().ToString(KeyFileFormat.CreatedFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The seal's associated data: UTF-8 of format || clientId || epoch (decimal) || issuer for a keystore, and
    /// format || issuer for the master key file. No separators, exactly as the spec writes it, so ("a1", 2) and
    /// ("a", 12) give the same bytes; that is harmless only because the check value, verified after opening,
    /// binds id and epoch unambiguously (str(id) || u32(epoch)).
    /// </summary>
    public byte[] AssociatedData() => AssociatedData(Kind, ClientId, Epoch, Issuer);

    /// <summary>
    /// A document ready to write: the key is copied in the clear for <see cref="KeyProtection.None"/>, or sealed
    /// under the password. The caller keeps ownership of <paramref name="key"/> and disposes the result.
    /// </summary>
    public static KeyFileDocument Create(KeyFileKind kind, string? clientId, uint epoch, string issuer,
        DateTimeOffset created, byte[] check, byte[] key, KeyProtection protection) =>
        new()
        {
            Kind = kind, ClientId = clientId, Epoch = epoch, Issuer = issuer, Created = created, Check = check,
            PlainKey = protection is PasswordProtection ? null : key.ToArray(),
            Sealed = protection is PasswordProtection password
                ? PasswordSeal.Seal(key, password, AssociatedData(kind, clientId, epoch, issuer))
                : null,
        };

    private static byte[] AssociatedData(KeyFileKind kind, string? clientId, uint epoch, string issuer)
    {
        var text = kind.HasClient
            ? kind.Format + clientId + epoch.ToString(CultureInfo.InvariantCulture) + issuer
            : kind.Format + issuer;
        return Encoding.UTF8.GetBytes(text);
    }

    public void Dispose()
    {
        if (PlainKey is not null)
        {
            CryptographicOperations.ZeroMemory(PlainKey);
        }
    }
}

/// <summary>The password-sealed form of a key and everything needed to open it.</summary>
internal sealed record SealedKey(byte[] Ciphertext, byte[] Nonce, byte[] Salt, Argon2Parameters Parameters);
