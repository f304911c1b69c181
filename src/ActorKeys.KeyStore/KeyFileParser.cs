using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ActorKeys.Protocol;

namespace ActorKeys.KeyStore;

/// <summary>
/// Strict reader for both key file formats. Anything that is not exactly a version-1 file of the expected kind is
/// refused: unknown or duplicate fields, wrong types, non-canonical base64, wrong lengths, out-of-range parameters.
/// </summary>
internal static class KeyFileParser
{
    private const string Format = "format";
    private const string ClientIdField = "clientId";
    private const string EpochField = "epoch";
    private const string IssuerField = "issuer";
    private const string CreatedField = "created";
    private const string ProtectionField = "protection";
    private const string CheckField = "check";
    private const string SealedKeyField = "sealedKey";
    private const string NonceField = "nonce";
    private const string Argon2idField = "argon2id";
    private const string OpsLimitField = "opsLimit";
    private const string MemLimitField = "memLimitBytes";
    private const string SaltField = "salt";

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 4,
    };

    /// <summary>Parses <paramref name="utf8"/>; every failure is a <see cref="KeyFileException"/>.</summary>
    public static KeyFileDocument Parse(byte[] utf8, KeyFileKind kind, string path)
    {
        try
        {
            using var json = JsonDocument.Parse(utf8.AsMemory(), Options);
            return Read(json.RootElement, kind, path);
        }
        catch (KeyFileException)
        {
            throw;
        }
        catch (Exception)
        {
            // No inner exception: JSON error messages may quote bytes of the file, and the file holds the key.
            throw KeyFileErrors.Damaged(kind, path, "it is not valid JSON");
        }
    }

    /// <summary>One document already parsed as JSON (an entry of a master key ring); every failure is a <see cref="KeyFileException"/>.</summary>
    public static KeyFileDocument Read(JsonElement root, KeyFileKind kind, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw KeyFileErrors.Damaged(kind, path, "it is not a JSON object");
        }

        // The format decides how to read the rest, so it is checked before any other field.
        var format = String(root, Format, kind, path);
        if (format != kind.Format)
        {
            var other = kind == KeyFileFormat.Keystore ? KeyFileFormat.MasterKey : KeyFileFormat.Keystore;
            throw format == other.Format
                ? KeyFileErrors.OtherKind(kind, path, other)
                : KeyFileErrors.UnsupportedFormat(kind, path, $"is not in the format '{kind.Format}' that this version reads");
        }

        var protection = String(root, ProtectionField, kind, path);
        var isSealed = protection switch
        {
            KeyFileFormat.ProtectionNone => false,
            KeyFileFormat.ProtectionArgon2id => true,
            _ => throw KeyFileErrors.Damaged(kind, path, "field 'protection' is neither 'none' nor 'argon2id'"),
        };
        RefuseUnknownFields(root, Expected(kind, isSealed), kind, path);

        string? clientId = null;
        uint epoch = 0;
        if (kind.HasClient)
        {
            clientId = String(root, ClientIdField, kind, path);
            if (!ClientId.IsValid(clientId))
            {
                throw KeyFileErrors.Damaged(kind, path, "field 'clientId' is not a valid client id");
            }
            var epochElement = Field(root, EpochField, JsonValueKind.Number, kind, path);
            if (!epochElement.TryGetUInt32(out epoch))
            {
                throw KeyFileErrors.Damaged(kind, path, "field 'epoch' is not a whole number from 0 to 4294967295");
            }
        }

        var issuer = String(root, IssuerField, kind, path);
        if (!IsLowerHex(issuer, Ak1.KeyIdBytes * 2))
        {
            throw KeyFileErrors.Damaged(kind, path, $"field 'issuer' is not {Ak1.KeyIdBytes * 2} lowercase hex digits");
        }

        var createdText = String(root, CreatedField, kind, path);
        if (!DateTimeOffset.TryParseExact(createdText, KeyFileFormat.CreatedFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
        {
            throw KeyFileErrors.Damaged(kind, path, "field 'created' is not a UTC time like 2026-11-25T08:00:00Z");
        }

        var check = Base64(root, CheckField, Ak1.CheckBytes, kind, path);
        if (!isSealed)
        {
            return new KeyFileDocument
            {
                Kind = kind, ClientId = clientId, Epoch = epoch, Issuer = issuer, Created = created, Check = check,
                PlainKey = Base64(root, kind.KeyField, Ak1.KeyBytes, kind, path),
            };
        }

        var ciphertext = Base64(root, SealedKeyField, KeyFileFormat.SealedKeyBytes, kind, path);
        var nonce = Base64(root, NonceField, KeyFileFormat.SealNonceBytes, kind, path);
        var argon = Field(root, Argon2idField, JsonValueKind.Object, kind, path);
        RefuseUnknownFields(argon, [OpsLimitField, MemLimitField, SaltField], kind, path);
        var salt = Base64(argon, SaltField, KeyFileFormat.SaltBytes, kind, path);
        var parameters = Parameters(argon, kind, path);
        return new KeyFileDocument
        {
            Kind = kind, ClientId = clientId, Epoch = epoch, Issuer = issuer, Created = created, Check = check,
            Sealed = new SealedKey(ciphertext, nonce, salt, parameters),
        };
    }

    private static string[] Expected(KeyFileKind kind, bool isSealed)
    {
        var fields = new List<string> { Format, IssuerField, CreatedField, ProtectionField, CheckField };
        if (kind.HasClient)
        {
            fields.AddRange([ClientIdField, EpochField]);
        }
        fields.AddRange(isSealed ? [SealedKeyField, NonceField, Argon2idField] : [kind.KeyField]);
        return [.. fields];
    }

    private static void RefuseUnknownFields(JsonElement obj, string[] expected, KeyFileKind kind, string path)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(expected, property.Name) < 0)
            {
                // The name itself is not echoed: it is file content.
                throw KeyFileErrors.Damaged(kind, path, "it has a field this format does not define");
            }
        }
    }

    private static Argon2Parameters Parameters(JsonElement argon, KeyFileKind kind, string path)
    {
        var ops = Field(argon, OpsLimitField, JsonValueKind.Number, kind, path);
        var mem = Field(argon, MemLimitField, JsonValueKind.Number, kind, path);
        if (ops.TryGetInt64(out var opsLimit) && mem.TryGetInt64(out var memLimit)
            && Argon2Parameters.IsValidOpsLimit(opsLimit) && Argon2Parameters.IsValidMemLimit(memLimit))
        {
            return new Argon2Parameters(opsLimit, memLimit);
        }
        throw KeyFileErrors.Damaged(kind, path, "its argon2id parameters are out of range");
    }

    private static JsonElement Field(JsonElement obj, string name, JsonValueKind kindOfValue, KeyFileKind kind, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != kindOfValue)
        {
            throw KeyFileErrors.Damaged(kind, path, $"field '{name}' is missing or not a {Describe(kindOfValue)}");
        }
        return value;
    }

    private static string String(JsonElement obj, string name, KeyFileKind kind, string path) =>
        Field(obj, name, JsonValueKind.String, kind, path).GetString()!;

    /// <summary>Exactly <paramref name="length"/> bytes in canonical base64 (padding, no whitespace, zero spare bits).</summary>
    private static byte[] Base64(JsonElement obj, string name, int length, KeyFileKind kind, string path)
    {
        var value = Field(obj, name, JsonValueKind.String, kind, path);
        if (!value.TryGetBytesFromBase64(out var bytes) || bytes.Length != length)
        {
            if (bytes is not null)
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
            throw KeyFileErrors.Damaged(kind, path, $"field '{name}' is not base64 of {length} bytes");
        }

        // Re-encoding must give back the same text, so every other spelling of the same bytes is refused.
        var canonical = new byte[System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(length)];
        System.Buffers.Text.Base64.EncodeToUtf8(bytes, canonical, out _, out var written);
        var same = value.ValueEquals(canonical.AsSpan(0, written));
        CryptographicOperations.ZeroMemory(canonical);
        if (!same)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw KeyFileErrors.Damaged(kind, path, $"field '{name}' is not canonical base64");
        }
        return bytes;
    }

    private static bool IsLowerHex(string text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Object => "JSON object",
        _ => kind.ToString(),
    };
}
