using System.Security.Cryptography;
using System.Text.Json;

namespace ActorKeys.KeyStore;

/// <summary>
/// Reads a master key file in either format: the single-key <c>actorkeys.masterkey/1</c> (a ring of one) or the ring
/// <c>actorkeys.masterkeyring/1</c>, whose <c>keys</c> array holds whole master key documents, each parsed as strictly
/// as a single file. The caller disposes every document returned.
/// </summary>
internal static class MasterKeyRingReader
{
    private const string FormatField = "format";
    private const string KeysField = "keys";

    // One level deeper than a single file: ring object, keys array, entry, argon2id.
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 5,
    };

    private static KeyFileKind Kind => KeyFileFormat.MasterKey;

    /// <summary>The entries in file order; <paramref name="path"/> is already full.</summary>
    public static List<KeyFileDocument> Read(string path)
    {
        var bytes = SecureFile.ReadAll(path, Kind);
        try
        {
            return Parse(bytes, path);
        }
        finally
        {
            // The raw file holds keys in base64 when they are not sealed.
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static List<KeyFileDocument> Parse(byte[] bytes, string path)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes.AsMemory(), Options);
        }
        catch (Exception)
        {
            // No inner exception: JSON error messages may quote bytes of the file, and the file holds keys.
            throw KeyFileErrors.Damaged(Kind, path, "it is not valid JSON");
        }
        using (json)
        {
            var root = json.RootElement;
            var isRing = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(FormatField, out var format) && format.ValueKind == JsonValueKind.String
                && format.ValueEquals(KeyFileFormat.MasterKeyRingFormat);
            if (!isRing)
            {
                // Today's single-key file (or something else, which the single-file parser names precisely).
                return [KeyFileParser.Read(root, Kind, path)];
            }
            return Entries(root, path);
        }
    }

    private static List<KeyFileDocument> Entries(JsonElement root, string path)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not (FormatField or KeysField))
            {
                throw KeyFileErrors.Damaged(Kind, path, "it has a field this format does not define");
            }
        }
        if (!root.TryGetProperty(KeysField, out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
        {
            throw KeyFileErrors.Damaged(Kind, path, "field 'keys' is missing, not a list, or empty");
        }
        var entries = new List<KeyFileDocument>();
        try
        {
            foreach (var entry in keys.EnumerateArray())
            {
                var document = KeyFileParser.Read(entry, Kind, path);
                entries.Add(document);
                if (entries.Count(e => e.Issuer == document.Issuer) > 1)
                {
                    throw KeyFileErrors.Damaged(Kind, path, $"key {document.Issuer} is in it twice");
                }
            }
            return entries;
        }
        catch
        {
            entries.ForEach(e => e.Dispose());
            throw;
        }
    }
}
