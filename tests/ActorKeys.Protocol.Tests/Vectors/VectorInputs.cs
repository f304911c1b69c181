using System.Text.Json;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>The input half of tests/vectors/ak1.json (PROTOCOL.md → Test vectors), version 2.</summary>
public sealed record VectorInputs(
    byte Version,
    byte[] MasterKey,
    string ClientId,
    uint Epoch,
    string ServerAddress,
    ulong TimeMs,
    byte[] ClientNonce,
    byte[] ClientEphemeralPrivate,
    byte[] SessionId,
    byte[] ServerNonce,
    byte[] ServerEphemeralPrivate,
    byte[] PlaintextC2S,
    byte[] PlaintextS2C,
    byte[] RekeyClientEphemeralPrivate,
    byte[] RekeyClientNonce,
    byte[] RekeyServerEphemeralPrivate)
{
    public static readonly string[] InputFields =
    [
        "version", "masterKey", "clientId", "epoch", "serverAddress", "timeMs", "clientNonce", "clientEphemeralPrivate",
        "sessionId", "serverNonce", "serverEphemeralPrivate", "plaintextC2S", "plaintextS2C",
        "rekeyClientEphemeralPrivate", "rekeyClientNonce", "rekeyServerEphemeralPrivate",
    ];

    /// <summary>The fields that are JSON numbers; every other one is a string (hex, but for clientId and serverAddress).</summary>
    public static readonly string[] NumberFields = ["version", "epoch", "timeMs"];

    /// <summary>The fields that are text rather than hex.</summary>
    public static readonly string[] TextFields = ["clientId", "serverAddress"];

    public static readonly string[] DerivedFields =
    [
        "keyId", "accessKey", "check", "clientEphemeralPublic", "serverEphemeralPublic", "helloBody", "binder",
        "dh", "transcriptHash", "keyC2S", "keyS2C", "confirmServer", "confirmClient", "sealedC2S", "sealedS2C",
        "chainKey", "revokedProof", "rekeyTranscriptHash", "rekeyKeyC2S", "rekeyKeyS2C", "rekeyChainKey",
        "sealedRekeyRequest", "sealedRekeyAck", "sealedRekeyC2S", "sealedRekeyS2C",
    ];

    /// <summary>
    /// The published inputs: each byte string a simple counting pattern in its own range, so a reader can tell
    /// them apart in a hex dump; t is 2026-01-01T00:00:00Z; both plaintexts are "ola".
    /// </summary>
    public static VectorInputs Published => new(
        Version: 2,
        MasterKey: Bytes.Sequence(0x00, 32),
        ClientId: "1",
        Epoch: 0,
        ServerAddress: "akka.tcp://actorkeys-server@127.0.0.1:4053",
        TimeMs: 1_767_225_600_000,
        ClientNonce: Bytes.Sequence(0x40, 32),
        ClientEphemeralPrivate: Bytes.Sequence(0x60, 32),
        SessionId: Bytes.Sequence(0x80, 16),
        ServerNonce: Bytes.Sequence(0xa0, 32),
        ServerEphemeralPrivate: Bytes.Sequence(0xc0, 32),
        PlaintextC2S: "ola"u8.ToArray(),
        PlaintextS2C: "ola"u8.ToArray(),
        RekeyClientEphemeralPrivate: Bytes.Sequence(0xe0, 32),
        RekeyClientNonce: Bytes.Sequence(0x20, 32),
        RekeyServerEphemeralPrivate: Bytes.Sequence(0x10, 32));

    public static VectorInputs FromJson(JsonElement root) => new(
        Version: root.GetProperty("version").GetByte(),
        MasterKey: HexField(root, "masterKey"),
        ClientId: root.GetProperty("clientId").GetString()!,
        Epoch: root.GetProperty("epoch").GetUInt32(),
        ServerAddress: root.GetProperty("serverAddress").GetString()!,
        TimeMs: root.GetProperty("timeMs").GetUInt64(),
        ClientNonce: HexField(root, "clientNonce"),
        ClientEphemeralPrivate: HexField(root, "clientEphemeralPrivate"),
        SessionId: HexField(root, "sessionId"),
        ServerNonce: HexField(root, "serverNonce"),
        ServerEphemeralPrivate: HexField(root, "serverEphemeralPrivate"),
        PlaintextC2S: HexField(root, "plaintextC2S"),
        PlaintextS2C: HexField(root, "plaintextS2C"),
        RekeyClientEphemeralPrivate: HexField(root, "rekeyClientEphemeralPrivate"),
        RekeyClientNonce: HexField(root, "rekeyClientNonce"),
        RekeyServerEphemeralPrivate: HexField(root, "rekeyServerEphemeralPrivate"));

    public static byte[] HexField(JsonElement root, string name) => Bytes.Hex(root.GetProperty(name).GetString()!);
}
