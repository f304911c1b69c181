using System.Runtime.Versioning;
using System.Text;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;
using Kind = ActorKeys.KeyStore.Tests.KeyFileSafetyTests.Kind;

namespace ActorKeys.KeyStore.Tests;

/// <summary>Every single-byte change to a key file is refused, or provably harmless.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyFileDamageTests
{
    private static readonly KeyFileError[] Refusals =
        [KeyFileError.Damaged, KeyFileError.WrongPassword, KeyFileError.UnsupportedFormat, KeyFileError.WrongClientId];

    [Theory]
    [InlineData(Kind.Keystore, false, 0x01)]
    [InlineData(Kind.Keystore, false, 0x20)]
    [InlineData(Kind.Keystore, false, 0x80)]
    [InlineData(Kind.Keystore, true, 0x01)]
    [InlineData(Kind.Keystore, true, 0x20)]
    [InlineData(Kind.MasterKey, false, 0x01)]
    [InlineData(Kind.MasterKey, false, 0x20)]
    [InlineData(Kind.MasterKey, true, 0x01)]
    [InlineData(Kind.MasterKey, true, 0x20)]
    public void Every_flipped_byte_is_refused_or_harmless(Kind kind, bool withPassword, byte mask)
    {
        using var temp = new TempFolder();
        var path = KeyFileSafetyTests.Create(kind, temp, withPassword);
        var original = File.ReadAllBytes(path);
        var expectedKey = LoadKey(kind, path);
        // Fields that no check covers: 'created' is metadata, and nothing in an unprotected keystore binds
        // 'issuer' (the spec's check covers only id and epoch). Only there may a change go unnoticed.
        var unbound = new List<Range> { ValueOf(original, "created") };
        if (kind == Kind.Keystore && !withPassword)
        {
            unbound.Add(ValueOf(original, "issuer"));
        }

        var refused = 0;
        for (var i = 0; i < original.Length; i++)
        {
            var damaged = original.ToArray();
            damaged[i] ^= mask;
            File.WriteAllBytes(path, damaged);
            try
            {
                var key = LoadKey(kind, path);
                Assert.True(key.SequenceEqual(expectedKey), $"byte {i}: loaded a different key");
                Assert.True(unbound.Any(r => i >= r.Start.Value && i < r.End.Value),
                    $"byte {i} ('{(char)original[i]}') was changed and the file still loaded");
            }
            catch (KeyFileException ex)
            {
                Assert.Contains(ex.Error, Refusals);
                AssertCleanMessage(ex);
                refused++;
            }
        }

        // Almost every byte matters; the unbound spans are all that may pass.
        Assert.True(refused >= original.Length - unbound.Sum(r => r.End.Value - r.Start.Value));
    }

    [Theory]
    [InlineData("not json at all", KeyFileError.Damaged)]
    [InlineData("[]", KeyFileError.Damaged)]
    [InlineData("{}", KeyFileError.Damaged)]
    [InlineData("{\"format\":\"actorkeys.keystore/2\"}", KeyFileError.UnsupportedFormat)]
    [InlineData("{\"format\":1}", KeyFileError.Damaged)]
    public void Unparseable_documents_are_refused(string content, KeyFileError expected)
    {
        using var temp = new TempFolder();
        var path = temp.File("ks.json");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id));
        Assert.Equal(expected, ex.Error);
    }

    [Theory]
    [InlineData("\"epoch\": 7", "\"epoch\": \"7\"")]
    [InlineData("\"epoch\": 7", "\"epoch\": -7")]
    [InlineData("\"epoch\": 7", "\"epoch\": 7.0")]
    [InlineData("\"epoch\": 7", "\"epoch\": 4294967296")]
    [InlineData("\"protection\": \"none\"", "\"protection\": \"rot13\"")]
    [InlineData("\"created\": \"2026-11-25T08:00:00Z\"", "\"created\": \"25/11/2026\"")]
    [InlineData("\"clientId\": \"alice\"", "\"clientId\": \"alice\", \"clientId\": \"alice\"")]
    [InlineData("\"clientId\": \"alice\"", "\"clientId\": \"alice\", \"comment\": \"hi\"")]
    [InlineData("\"clientId\": \"alice\"", "\"clientId\": \"alice\", \"sealedKey\": \"\"")]
    [InlineData("\"format\"", "// comment\n\"format\"")]
    public void Unprotected_keystore_edits_are_Damaged(string find, string replace)
    {
        using var temp = new TempFolder();
        var path = KeyFileSafetyTests.Create(Kind.Keystore, temp, withPassword: false);
        Edit(path, find, replace);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id));
        Assert.Equal(KeyFileError.Damaged, ex.Error);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void Non_canonical_base64_of_the_same_key_is_Damaged()
    {
        using var temp = new TempFolder();
        var path = KeyFileSafetyTests.Create(Kind.Keystore, temp, withPassword: false);
        var key = AccessKeyBase64();
        // The same 32 bytes with the line break that Convert.FromBase64String would skip.
        Edit(path, key, key[..20] + "\\n" + key[20..]);

        Assert.Equal(KeyFileError.Damaged, Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id)).Error);
    }

    [Theory]
    [InlineData("\"opsLimit\": 3", "\"opsLimit\": 2")]
    [InlineData("\"opsLimit\": 3", "\"opsLimit\": 100000")]
    [InlineData("\"memLimitBytes\": 8192", "\"memLimitBytes\": 1099511627776")]
    [InlineData("\"memLimitBytes\": 8192", "\"memLimitBytes\": \"8192\"")]
    [InlineData("\"memLimitBytes\": 8192", "\"memLimitBytes\": 8193")]
    public void Out_of_range_argon2_parameters_are_Damaged_before_any_password_is_asked(string find, string replace)
    {
        using var temp = new TempFolder();
        var path = KeyFileSafetyTests.Create(Kind.Keystore, temp, withPassword: true);
        Edit(path, find, replace);

        var ex = Assert.Throws<KeyFileException>(() =>
            KeystoreFile.Load(path, Id, () => throw new InvalidOperationException("must not be asked")));
        Assert.Equal(KeyFileError.Damaged, ex.Error);
    }

    [Fact]
    public void A_protected_keystore_whose_check_was_changed_is_Damaged_after_the_seal_opens()
    {
        using var temp = new TempFolder();
        var path = KeyFileSafetyTests.Create(Kind.Keystore, temp, withPassword: true);
        var text = File.ReadAllText(path);
        var check = ValueOf(Encoding.UTF8.GetBytes(text), "check");
        var other = Convert.ToBase64String(new byte[8]);
        File.WriteAllText(path, text[..check.Start.Value] + other + text[check.End.Value..]);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id, PasswordProvider));
        Assert.Equal(KeyFileError.Damaged, ex.Error);
        Assert.Contains("check", ex.Message);
    }

    private static byte[] LoadKey(Kind kind, string path)
    {
        if (kind == Kind.Keystore)
        {
            using var credentials = KeystoreFile.Load(path, Id, PasswordProvider);
            Assert.Equal(Id, credentials.ClientId);
            Assert.Equal(Epoch, credentials.Epoch);
            return credentials.CopyAccessKey();
        }
        using var master = MasterKeyFile.Load(path, PasswordProvider);
        return master.ExportSecret();
    }

    /// <summary>The byte range of a top-level string value (without quotes), found in the file as written.</summary>
    private static Range ValueOf(byte[] file, string field)
    {
        var text = Encoding.UTF8.GetString(file);
        var marker = $"\"{field}\": \"";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"field {field} not found");
        start += marker.Length;
        return new Range(start, text.IndexOf('"', start));
    }

    private static void Edit(string path, string find, string replace)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace));
    }
}
