using System.Text.Json;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Tests.Support;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>
/// tests/vectors/ak1.json is the published contract for independent implementations: every derived value in it
/// must come out of the real code again, so any change of a derivation, an encoding or a label fails here; and every
/// value is also rebuilt from the primitives alone, so a wrong concatenation in the code (which the run would faithfully
/// repeat) fails too.
/// </summary>
public class Ak1VectorTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "ak1.json"));
    private static readonly JsonElement Root = Load();

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(Text);
        return document.RootElement.Clone();
    }

    private static VectorInputs Inputs => VectorInputs.FromJson(Root);

    private static byte[] Field(string name) => VectorInputs.HexField(Root, name);

    [Fact]
    public void FileHasExactlyTheSpecFieldsAndTypes()
    {
        Assert.Equal(JsonValueKind.Object, Root.ValueKind);
        var names = Root.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(VectorInputs.InputFields.Concat(VectorInputs.DerivedFields).Order(), names.Order());
        foreach (var property in Root.EnumerateObject())
        {
            var expected = VectorInputs.NumberFields.Contains(property.Name) ? JsonValueKind.Number : JsonValueKind.String;
            Assert.True(expected == property.Value.ValueKind, $"{property.Name} should be a JSON {expected}");
            if (expected == JsonValueKind.String && !VectorInputs.TextFields.Contains(property.Name))
            {
                var hex = property.Value.GetString()!;
                Assert.Matches("^([0-9a-f]{2})+$", hex);
            }
        }
        Assert.Equal(2, Root.GetProperty("version").GetInt32());
    }

    [Fact]
    public void InputsAreTheDocumentedOnes() => Assert.Equivalent(VectorInputs.Published, Inputs, strict: true);

    [Fact]
    public void EveryDerivedValueIsRecomputedThroughTheStateMachines()
    {
        var derived = VectorRun.Derive(Inputs);
        Assert.Equal(VectorInputs.DerivedFields.Order(), derived.Keys.Order());
        foreach (var name in VectorInputs.DerivedFields)
        {
            // Compared as hex so a failure names the field and shows both values.
            Assert.Equal($"{name}={Root.GetProperty(name).GetString()}", $"{name}={Bytes.ToHex(derived[name])}");
        }
    }

    [Fact]
    public void FileIsExactlyTheTextTheRunWrites() =>
        Assert.Equal(VectorFile.Write(VectorInputs.Published, VectorRun.Derive(VectorInputs.Published)), Text.ReplaceLineEndings("\n"));

    [Fact]
    public void HelloBodyIsTheVersion2Concatenation()
    {
        var input = Inputs;
        var id = System.Text.Encoding.UTF8.GetBytes(input.ClientId);
        var server = System.Text.Encoding.UTF8.GetBytes(input.ServerAddress);
        var expected = Bytes.Concat(
            "AK1"u8.ToArray(), [2], Bytes.Le16((ushort)id.Length), id, Bytes.Le32(input.Epoch), Field("keyId"),
            Bytes.Le16((ushort)server.Length), server, Bytes.Le64(input.TimeMs), input.ClientNonce, Field("clientEphemeralPublic"));
        Assert.Equal(Bytes.ToHex(expected), Bytes.ToHex(Field("helloBody")));
    }

    [Fact]
    public void KeyScheduleFollowsTheSpecFromPrimitives()
    {
        // Rebuilt from Primitives alone, not through Transcript or AccessKeys, so a wrong concatenation there shows.
        var input = Inputs;
        var idEpoch = Bytes.Concat(Bytes.Le16((ushort)input.ClientId.Length), System.Text.Encoding.UTF8.GetBytes(input.ClientId), Bytes.Le32(input.Epoch));
        Assert.Equal(Field("keyId"), Primitives.Hash("AK1 keyid", input.MasterKey)[..8]);
        Assert.Equal(Field("accessKey"), Primitives.Kdf(input.MasterKey, "AK1 access", idEpoch));
        Assert.Equal(Field("check"), Primitives.Kdf(Field("accessKey"), "AK1 keycheck", idEpoch)[..8]);
        Assert.Equal(Field("binder"), Primitives.Kdf(Field("accessKey"), "AK1 hello", Field("helloBody")));
        Assert.Equal(Field("revokedProof"), Primitives.Kdf(Field("accessKey"), "AK1 revoked", Field("binder"))[..16]);
        Assert.Equal(Field("clientEphemeralPublic"), Primitives.X25519Public(input.ClientEphemeralPrivate));
        Assert.Equal(Field("serverEphemeralPublic"), Primitives.X25519Public(input.ServerEphemeralPrivate));
        Assert.Equal(Field("dh"), Primitives.X25519(input.ClientEphemeralPrivate, Field("serverEphemeralPublic")));
        Assert.Equal(Field("dh"), Primitives.X25519(input.ServerEphemeralPrivate, Field("clientEphemeralPublic")));
        var th = Primitives.Hash("AK1 transcript",
            Bytes.Concat(Field("helloBody"), Field("binder"), input.SessionId, input.ServerNonce, Field("serverEphemeralPublic")));
        Assert.Equal(Field("transcriptHash"), th);
        var prk = Primitives.Kdf(Field("accessKey"), "AK1 session", Bytes.Concat(Field("dh"), th));
        Assert.Equal(Field("keyC2S"), Primitives.Kdf(prk, "AK1 c2s", th));
        Assert.Equal(Field("keyS2C"), Primitives.Kdf(prk, "AK1 s2c", th));
        Assert.Equal(Field("confirmServer"), Primitives.Kdf(prk, "AK1 confirm s", th));
        Assert.Equal(Field("confirmClient"), Primitives.Kdf(prk, "AK1 confirm c", th));
        Assert.Equal(Field("chainKey"), Primitives.Kdf(prk, "AK1 chain", th));
    }

    [Fact]
    public void RekeyScheduleFollowsTheSpecFromPrimitives()
    {
        // th' = H("AK1 rekey", th || u32(g+1) || E' || n' || E_s'), prk' = KDF(ck, "AK1 rekey", dh' || th'), from Primitives alone.
        var input = Inputs;
        var clientPublic = Primitives.X25519Public(input.RekeyClientEphemeralPrivate);
        var serverPublic = Primitives.X25519Public(input.RekeyServerEphemeralPrivate);
        var dh = Primitives.X25519(input.RekeyServerEphemeralPrivate, clientPublic);
        Assert.Equal(dh, Primitives.X25519(input.RekeyClientEphemeralPrivate, serverPublic));
        var th = Primitives.Hash("AK1 rekey", Bytes.Concat(Field("transcriptHash"), Bytes.Le32(1), clientPublic, input.RekeyClientNonce, serverPublic));
        Assert.Equal(Field("rekeyTranscriptHash"), th);
        var prk = Primitives.Kdf(Field("chainKey"), "AK1 rekey", Bytes.Concat(dh, th));
        Assert.Equal(Field("rekeyKeyC2S"), Primitives.Kdf(prk, "AK1 c2s", th));
        Assert.Equal(Field("rekeyKeyS2C"), Primitives.Kdf(prk, "AK1 s2c", th));
        Assert.Equal(Field("rekeyChainKey"), Primitives.Kdf(prk, "AK1 chain", th));
    }

    [Fact]
    public void WireEncodingsOfTheVectorsAreTheOnesPROTOCOLmdLists()
    {
        var input = Inputs;
        var hello = new Hello(2, input.ClientId, input.Epoch, KeyId.From(Field("keyId")), input.ServerAddress, input.TimeMs,
            Nonce.From(input.ClientNonce), PublicKey.From(Field("clientEphemeralPublic")), Mac.From(Field("binder")));
        var helloBytes = WireCodec.Encode(hello);
        Assert.Equal(165, helloBytes.Length);
        Assert.Equal(Bytes.Concat([1], Field("helloBody")[3..], Field("binder")), helloBytes);
        Assert.Equal(135, Field("helloBody").Length);

        var sid = SessionId.From(input.SessionId);
        Assert.Equal(Bytes.Concat([5], input.SessionId, Bytes.Hex("00000000"), Bytes.Hex("0000000000000000"), Bytes.Hex("14000000"), Field("sealedC2S")),
            WireCodec.Encode(new Sealed(sid, 0, 0, Field("sealedC2S"))));
        Assert.Equal(Bytes.Concat([5], input.SessionId, Bytes.Hex("00000000"), Bytes.Hex("0100000000000000"), Bytes.Hex("51000000"), Field("sealedRekeyRequest")),
            WireCodec.Encode(new Sealed(sid, 0, 1, Field("sealedRekeyRequest"))));
        Assert.Equal(Bytes.Concat([5], input.SessionId, Bytes.Hex("01000000"), Bytes.Hex("0000000000000000"), Bytes.Hex("14000000"), Field("sealedRekeyC2S")),
            WireCodec.Encode(new Sealed(sid, 1, 0, Field("sealedRekeyC2S"))));
        Assert.Equal(Bytes.Concat([6, 7], input.ClientNonce, Field("revokedProof")),
            WireCodec.Encode(new Rejected2(RejectReason.Revoked, Nonce.From(input.ClientNonce), RevocationProof.From(Field("revokedProof")))));
        Assert.Equal(Bytes.Concat([6, 5], input.ClientNonce, new byte[16]),
            WireCodec.Encode(new Rejected2(RejectReason.Busy, Nonce.From(input.ClientNonce), RevocationProof.None)));
        Assert.Equal(Bytes.Hex("0401"), WireCodec.Encode(new Rejected(RejectReason.UnsupportedVersion)));
    }

    /// <summary>Each published record: its field, key, direction, generation, seq, and plaintext (kind byte, then body).</summary>
    public static TheoryData<string, string, byte, uint, ulong> Records => new()
    {
        { "sealedC2S", "keyC2S", 1, 0, 0 },
        { "sealedS2C", "keyS2C", 2, 0, 0 },
        { "sealedRekeyRequest", "keyC2S", 1, 0, 1 },
        { "sealedRekeyAck", "keyS2C", 2, 0, 1 },
        { "sealedRekeyC2S", "rekeyKeyC2S", 1, 1, 0 },
        { "sealedRekeyS2C", "rekeyKeyS2C", 2, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void SealedRecordIsAeadUnderTheSpecNonceAndAd(string sealedField, string keyField, byte direction, uint generation, ulong seq)
    {
        var nonce = Bytes.Concat(Bytes.Le32(generation), Bytes.Le64(seq));
        var ad = Bytes.Concat("AK1"u8.ToArray(), Inputs.SessionId, [direction], Bytes.Le32(generation), Bytes.Le64(seq));
        var plaintext = Plaintext(sealedField);
        Assert.Equal(Field(sealedField), Aead.Encrypt(Field(keyField), nonce, ad, plaintext));
        Assert.Equal(plaintext, Aead.Decrypt(Field(keyField), nonce, ad, Field(sealedField)));
    }

    private static byte[] Plaintext(string sealedField) => sealedField switch
    {
        "sealedC2S" or "sealedRekeyC2S" => Bytes.Concat([1], Inputs.PlaintextC2S),
        "sealedS2C" or "sealedRekeyS2C" => Bytes.Concat([1], Inputs.PlaintextS2C),
        // Kind 3: E' || n'. Kind 4: E_s'.
        "sealedRekeyRequest" => Bytes.Concat([3], Primitives.X25519Public(Inputs.RekeyClientEphemeralPrivate), Inputs.RekeyClientNonce),
        _ => Bytes.Concat([4], Primitives.X25519Public(Inputs.RekeyServerEphemeralPrivate)),
    };
}
