using System.Text.Json;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>
/// tests/vectors/ak1.json is the published contract for independent implementations: every derived value in it
/// must come out of the real code again, so any change of a derivation, an encoding or a label fails here.
/// </summary>
public class Ak1VectorTests
{
    private static readonly JsonElement Root = Load();

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "ak1.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
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
            var expected = property.Name is "epoch" or "timeMs" ? JsonValueKind.Number : JsonValueKind.String;
            Assert.True(expected == property.Value.ValueKind, $"{property.Name} should be a JSON {expected}");
            if (expected == JsonValueKind.String && property.Name != "clientId")
            {
                var hex = property.Value.GetString()!;
                Assert.Matches("^([0-9a-f]{2})+$", hex);
            }
        }
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
    public void HelloBodyIsTheSpecConcatenation()
    {
        var input = Inputs;
        var id = System.Text.Encoding.UTF8.GetBytes(input.ClientId);
        var expected = Bytes.Concat(
            "AK1"u8.ToArray(), [1], Bytes.Le16((ushort)id.Length), id, Bytes.Le32(input.Epoch), Field("keyId"), Bytes.Le64(input.TimeMs),
            input.ClientNonce, Field("clientEphemeralPublic"));
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
    }

    [Theory]
    [InlineData("sealedC2S", "keyC2S", 1, "plaintextC2S")]
    [InlineData("sealedS2C", "keyS2C", 2, "plaintextS2C")]
    public void SealedRecordIsAeadUnderTheSpecNonceAndAd(string sealedField, string keyField, byte direction, string plaintextField)
    {
        var nonce = Bytes.Concat(Bytes.Le32(0), Bytes.Le64(0));
        var ad = Bytes.Concat("AK1"u8.ToArray(), Inputs.SessionId, [direction], Bytes.Le64(0));
        var plaintext = Bytes.Concat([1], Field(plaintextField));
        Assert.Equal(Field(sealedField), Aead.Encrypt(Field(keyField), nonce, ad, plaintext));
        Assert.Equal(plaintext, Aead.Decrypt(Field(keyField), nonce, ad, Field(sealedField)));
    }
}
