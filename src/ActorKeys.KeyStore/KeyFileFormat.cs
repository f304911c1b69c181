using ActorKeys.Protocol;

namespace ActorKeys.KeyStore;

/// <summary>The fixed names and sizes of the key file formats (PROTOCOL.md → Keystore file).</summary>
internal static class KeyFileFormat
{
    public const string ProtectionNone = "none";
    public const string ProtectionArgon2id = "argon2id";

    /// <summary>Larger files are refused before parsing; a real key file is well under 1 KiB.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public const int SaltBytes = 16;
    public const int SealNonceBytes = 24;
    public const int SealedKeyBytes = Ak1.KeyBytes + Ak1.AeadTagBytes;

    /// <summary>Whole seconds, UTC, as in the spec's example "2026-11-25T08:00:00Z".</summary>
    public const string CreatedFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The master key file holding several keys (current and retiring); each entry is a whole master key document.</summary>
    public const string MasterKeyRingFormat = "actorkeys.masterkeyring/1";

    public static readonly KeyFileKind Keystore = new(
        Format: "actorkeys.keystore/1",
        Noun: "keystore",
        KeyField: "accessKey",
        HasClient: true,
        MissingHint: "check the path, or ask the server operator to issue a keystore for this client",
        RecoveryHint: "restore it from a backup or ask the server operator to issue a new one",
        WrongKindHint: "give the client's keystore_id_<id>.json instead (the master key stays with the server)",
        GuardsFolder: true);

    public static readonly KeyFileKind MasterKey = new(
        Format: "actorkeys.masterkey/1",
        Noun: "master key file",
        KeyField: "masterKey",
        HasClient: false,
        MissingHint: "check the path, or run 'actorkeys init' to create a new master key",
        RecoveryHint: "restore it from a backup",
        WrongKindHint: "give the server's master key file instead (--master-key, server.key by default)",
        GuardsFolder: false);

    /// <summary>
    /// A private key in PKCS#8 PEM (a cluster CA's or a node's, see <see cref="PrivateKeyPemFile"/>): not a JSON document,
    /// so Format and KeyField are only names; the file rules (owner, mode, atomic 0600 writes) are the same.
    /// </summary>
    public static readonly KeyFileKind PrivateKeyPem = new(
        Format: "pkcs8-pem",
        Noun: "private key file",
        KeyField: "PRIVATE KEY",
        HasClient: false,
        MissingHint: "check the path, or make the cluster's certificates with 'actorkeys cluster init'",
        RecoveryHint: "make new cluster certificates with 'actorkeys cluster init' in a new folder",
        WrongKindHint: "give the node's .key file (PKCS#8 PEM) instead",
        // Whoever can write to the folder of a node's key can swap in a key of their own CA's node: checked as keystores are.
        GuardsFolder: true);
}

/// <summary>What differs between the keystore and the master key file: format, key field name and wording.</summary>
internal sealed record KeyFileKind(
    string Format,
    string Noun,
    string KeyField,
    bool HasClient,
    string MissingHint,
    string RecoveryHint,
    string WrongKindHint,
    // Keystores live in a folder of their own, checked as OpenSSH checks ~/.ssh; the master key's folder is
    // usually the server's working folder, which is the operator's to judge.
    bool GuardsFolder);
