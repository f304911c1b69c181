namespace ActorKeys.KeyStore;

/// <summary>The public metadata of a keystore file (never the key): what <see cref="KeystoreFile.Inspect"/> returns.</summary>
public sealed record KeystoreInfo(string ClientId, uint Epoch, string Issuer, DateTimeOffset Created, string Protection);
