using System.Text.Json;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>The input half of tests/vectors/ak1.json (PROTOCOL.md → Test vectors).</summary>
public sealed record VectorInputs(
    byte[] MasterKey,
    string ClientId,
    uint Epoch,
    ulong TimeMs,
    byte[] ClientNonce,
    byte[] ClientEphemeralPrivate,
    byte[] SessionId,
    byte[] ServerNonce,
    byte[] ServerEphemeralPrivate,
    byte[] PlaintextC2S,
    byte[] PlaintextS2C)
{
    public static readonly string[] InputFields =
    [
        "masterKey", "clientId", "epoch", "timeMs", "clientNonce", "clientEphemeralPrivate",
        "sessionId", "serverNonce", "serverEphemeralPrivate", "plaintextC2S", "plaintextS2C",
    ];

    public static readonly string[] DerivedFields =
    [
        "keyId", "accessKey", "check", "clientEphemeralPublic", "serverEphemeralPublic", "helloBody", "binder",
        "dh", "transcriptHash", "keyC2S", "keyS2C", "confirmServer", "confirmClient", "sealedC2S", "sealedS2C",
    ];

    /// <summary>
    /// The published inputs: each byte string a simple counting pattern in its own range, so a reader can tell
    /// them apart in a hex dump; t is 2026-01-01T00:00:00Z; both plaintexts are "ola".
    /// </summary>
    public static VectorInputs Published => new(
        MasterKey: Bytes.Sequence(0x00, 32),
        ClientId: "1",
        Epoch: 0,
        TimeMs: 1_767_225_600_000,
        ClientNonce: Bytes.Sequence(0x40, 32),
        ClientEphemeralPrivate: Bytes.Sequence(0x60, 32),
        SessionId: Bytes.Sequence(0x80, 16),
        ServerNonce: Bytes.Sequence(0xa0, 32),
        ServerEphemeralPrivate: Bytes.Sequence(0xc0, 32),
        PlaintextC2S: "ola"u8.ToArray(),
        PlaintextS2C: "ola"u8.ToArray());

    public static VectorInputs FromJson(JsonElement root) => new(
        MasterKey: HexField(root, "masterKey"),
        ClientId: root.GetProperty("clientId").GetString()!,
        Epoch: root.GetProperty("epoch").GetUInt32(),
        TimeMs: root.GetProperty("timeMs").GetUInt64(),
        ClientNonce: HexField(root, "clientNonce"),
        ClientEphemeralPrivate: HexField(root, "clientEphemeralPrivate"),
        SessionId: HexField(root, "sessionId"),
        ServerNonce: HexField(root, "serverNonce"),
        ServerEphemeralPrivate: HexField(root, "serverEphemeralPrivate"),
        PlaintextC2S: HexField(root, "plaintextC2S"),
        PlaintextS2C: HexField(root, "plaintextS2C"));

    public static byte[] HexField(JsonElement root, string name) => Bytes.Hex(root.GetProperty(name).GetString()!);
}
