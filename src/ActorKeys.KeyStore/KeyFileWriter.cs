using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorKeys.KeyStore;

/// <summary>Serializes a <see cref="KeyFileDocument"/> (indented, camelCase, fields in spec order) and writes it atomically.</summary>
internal static class KeyFileWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The default encoder escapes '+' in base64 as \u002B; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string path, KeyFileDocument document, bool replace = false)
    {
        using var buffer = new ZeroingBufferWriter(KeyFileFormat.MaxFileBytes);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            Serialize(json, document);
        }
        if (replace)
        {
            SecureFile.Replace(path, buffer.WrittenSpan, document.Kind);
        }
        else
        {
            SecureFile.WriteNew(path, buffer.WrittenSpan, document.Kind);
        }
    }

    /// <summary>
    /// A master key ring: <c>{"format":"actorkeys.masterkeyring/1","keys":[...]}</c>, each entry a whole master key
    /// document. <paramref name="replace"/> rewrites an existing file atomically; otherwise the file must be new.
    /// </summary>
    public static void WriteRing(string path, IReadOnlyList<KeyFileDocument> entries, bool replace)
    {
        using var buffer = new ZeroingBufferWriter(KeyFileFormat.MaxFileBytes);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", KeyFileFormat.MasterKeyRingFormat);
            json.WriteStartArray("keys");
            foreach (var entry in entries)
            {
                Serialize(json, entry);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (replace)
        {
            SecureFile.Replace(path, buffer.WrittenSpan, KeyFileFormat.MasterKey);
        }
        else
        {
            SecureFile.WriteNew(path, buffer.WrittenSpan, KeyFileFormat.MasterKey);
        }
    }

    private static void Serialize(Utf8JsonWriter json, KeyFileDocument document)
    {
        json.WriteStartObject();
        json.WriteString("format", document.Kind.Format);
        if (document.Kind.HasClient)
        {
            json.WriteString("clientId", document.ClientId);
            json.WriteNumber("epoch", document.Epoch);
        }
        json.WriteString("issuer", document.Issuer);
        json.WriteString("created", document.CreatedText);
        json.WriteString("protection", document.Protection);
        json.WriteBase64String("check", document.Check);
        if (document.Sealed is { } sealedKey)
        {
            json.WriteBase64String("sealedKey", sealedKey.Ciphertext);
            json.WriteBase64String("nonce", sealedKey.Nonce);
            json.WriteStartObject("argon2id");
            json.WriteNumber("opsLimit", sealedKey.Parameters.OpsLimit);
            json.WriteNumber("memLimitBytes", sealedKey.Parameters.MemLimitBytes);
            json.WriteBase64String("salt", sealedKey.Salt);
            json.WriteEndObject();
        }
        else
        {
            json.WriteBase64String(document.Kind.KeyField, document.PlainKey);
        }
        json.WriteEndObject();
    }
}
