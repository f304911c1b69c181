using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using ActorKeys.Protocol.Keys;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;

namespace ActorKeys.KeyStore.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class KeystoreFileTests
{
    [Fact]
    public void FileName_is_keystore_id_and_validates_the_id()
    {
        Assert.Equal("keystore_id_alice.json", KeystoreFile.FileName("alice"));
        Assert.Throws<ArgumentException>(() => KeystoreFile.FileName("../etc/passwd"));
        Assert.Throws<ArgumentException>(() => KeystoreFile.FileName(".hidden"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Issue_then_Load_returns_the_derived_access_key(bool withPassword)
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword), Created);

        Assert.Equal(temp.File("keystore_id_alice.json"), path);
        using var loaded = KeystoreFile.Load(path, Id, PasswordProvider);
        var expected = master.DeriveAccessKey(Id, Epoch);
        var actual = loaded.CopyAccessKey();
        Assert.Equal(expected, actual);
        Assert.Equal(Id, loaded.ClientId);
        Assert.Equal(Epoch, loaded.Epoch);
        Assert.Equal(master.KeyId, loaded.IssuerKeyId);
    }

    [Fact]
    public void Write_then_Load_round_trips_given_credentials()
    {
        using var temp = new TempFolder();
        var key = RandomNumberGenerator.GetBytes(32);
        var issuer = RandomNumberGenerator.GetBytes(8);
        using var credentials = new ClientCredentials("bob-2", 0, issuer, key);
        var path = KeystoreFile.Write(temp.File("ks.json"), credentials, Created, KeyProtection.Password("pw", Fast));

        using var loaded = KeystoreFile.Load(path, "bob-2", () => "pw");
        Assert.Equal(key, loaded.CopyAccessKey());
        Assert.Equal(issuer, loaded.IssuerKeyId);
        Assert.Equal(0u, loaded.Epoch);
    }

    [Fact]
    public void Unprotected_file_has_the_spec_fields_and_the_spec_check_value()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, Created);
        var key = master.DeriveAccessKey(Id, Epoch);

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal("actorkeys.keystore/1", root.GetProperty("format").GetString());
        Assert.Equal(Id, root.GetProperty("clientId").GetString());
        Assert.Equal(Epoch, root.GetProperty("epoch").GetUInt32());
        Assert.Equal(master.KeyIdHex, root.GetProperty("issuer").GetString());
        Assert.Equal(CreatedText, root.GetProperty("created").GetString());
        Assert.Equal("none", root.GetProperty("protection").GetString());
        Assert.Equal(AccessKeys.Check(key, Id, Epoch), root.GetProperty("check").GetBytesFromBase64());
        Assert.Equal(key, root.GetProperty("accessKey").GetBytesFromBase64());
        Assert.False(root.TryGetProperty("sealedKey", out _));
        Assert.Equal(8, root.EnumerateObject().Count());
    }

    [Fact]
    public void Protected_file_has_the_spec_fields_and_no_plain_key()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);
        var key = master.DeriveAccessKey(Id, Epoch);

        var text = File.ReadAllText(path);
        Assert.DoesNotContain(Convert.ToBase64String(key), text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("argon2id", root.GetProperty("protection").GetString());
        Assert.False(root.TryGetProperty("accessKey", out _));
        Assert.Equal(AccessKeys.Check(key, Id, Epoch), root.GetProperty("check").GetBytesFromBase64());
        Assert.Equal(48, root.GetProperty("sealedKey").GetBytesFromBase64().Length);
        Assert.Equal(24, root.GetProperty("nonce").GetBytesFromBase64().Length);
        var argon = root.GetProperty("argon2id");
        Assert.Equal(3, argon.GetProperty("opsLimit").GetInt64());
        Assert.Equal(8192, argon.GetProperty("memLimitBytes").GetInt64());
        Assert.Equal(16, argon.GetProperty("salt").GetBytesFromBase64().Length);
    }

    [Fact]
    public void Seal_uses_the_spec_associated_data_and_a_fresh_salt_and_nonce()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var first = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);
        var second = KeystoreFile.Issue(master, Id, Epoch, temp.File("again"), Protection(withPassword: true), Created);

        using var a = JsonDocument.Parse(File.ReadAllBytes(first));
        using var b = JsonDocument.Parse(File.ReadAllBytes(second));
        Assert.NotEqual(a.RootElement.GetProperty("nonce").GetString(), b.RootElement.GetProperty("nonce").GetString());
        Assert.NotEqual(
            a.RootElement.GetProperty("argon2id").GetProperty("salt").GetString(),
            b.RootElement.GetProperty("argon2id").GetProperty("salt").GetString());

        // Open the seal independently, with ad = format || clientId || epoch || issuer as the spec writes it.
        var root = a.RootElement;
        var ad = System.Text.Encoding.UTF8.GetBytes("actorkeys.keystore/1" + Id + Epoch + master.KeyIdHex);
        var opened = SpecSeal.Open("correct horse battery staple"u8.ToArray(),
            root.GetProperty("argon2id").GetProperty("salt").GetBytesFromBase64(), 3, 8192,
            root.GetProperty("nonce").GetBytesFromBase64(), ad, root.GetProperty("sealedKey").GetBytesFromBase64());
        Assert.Equal(master.DeriveAccessKey(Id, Epoch), opened);
    }

    [Fact]
    public void Created_is_written_as_whole_seconds_UTC()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var local = new DateTimeOffset(2026, 11, 25, 9, 0, 0, 123, TimeSpan.FromHours(1));
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, local);

        Assert.Contains("\"created\": \"2026-11-25T08:00:00Z\"", File.ReadAllText(path));
        Assert.Equal(Created, KeystoreFile.Inspect(path).Created);
    }

    [Fact]
    public void Wrong_password_is_WrongPassword_and_the_message_has_no_secret()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id, () => "Correct horse battery staple"));
        Assert.Equal(KeyFileError.WrongPassword, ex.Error);
        Assert.Contains("wrong password or damaged file", ex.Message);
        AssertCleanMessage(ex);
        Assert.DoesNotContain("Correct horse", ex.Message);
        Assert.Equal(KeyFileError.WrongPassword, Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id, () => "")).Error);
    }

    [Fact]
    public void Protected_file_without_a_password_provider_is_PasswordRequired()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id));
        Assert.Equal(KeyFileError.PasswordRequired, ex.Error);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void Password_is_asked_only_for_a_protected_file_and_its_exceptions_pass_through()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var plain = KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, Created);
        var sealedPath = KeystoreFile.Issue(master, Id, Epoch, temp.File("sealed"), Protection(withPassword: true), Created);
        var asked = 0;
        string Provider()
        {
            asked++;
            throw new OperationCanceledException("user pressed Ctrl-C");
        }

        using (KeystoreFile.Load(plain, Id, Provider))
        {
            Assert.Equal(0, asked);
        }
        Assert.Throws<OperationCanceledException>(() => KeystoreFile.Load(sealedPath, Id, Provider));
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Wrong_client_id_is_WrongClientId()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, Created);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, "bob"));
        Assert.Equal(KeyFileError.WrongClientId, ex.Error);
        Assert.Contains("'bob'", ex.Message);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void Wrong_client_id_is_reported_before_asking_for_a_password()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, "bob", () => throw new InvalidOperationException("asked")));
        Assert.Equal(KeyFileError.WrongClientId, ex.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inspect_returns_metadata_and_never_the_key(bool withPassword)
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword), Created);

        var info = KeystoreFile.Inspect(path);
        Assert.Equal(new KeystoreInfo(Id, Epoch, master.KeyIdHex, Created, withPassword ? "argon2id" : "none"), info);
        Assert.DoesNotContain(AccessKeyBase64(), info.ToString());
        Assert.DoesNotContain(Convert.ToHexString(master.DeriveAccessKey(Id, Epoch)), info.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Password_protection_ToString_does_not_show_the_password()
    {
        var protection = KeyProtection.Password(Password, Fast);
        Assert.DoesNotContain(Password, protection.ToString());
        Assert.Contains("8192", protection.ToString());
        Assert.Throws<ArgumentException>(() => KeyProtection.Password(""));
    }

    [Fact]
    public void Argon2_parameters_are_range_checked()
    {
        Assert.Equal(new Argon2Parameters(3, 64L * 1024 * 1024), Argon2Parameters.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(2, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(3, 4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(3, 9000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(65, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast with { OpsLimit = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(3, 1L << 40));
    }

    [Fact]
    public void Loading_does_not_change_the_file()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword: true), Created);
        var bytes = File.ReadAllBytes(path);
        var written = File.GetLastWriteTimeUtc(path);

        KeystoreFile.Load(path, Id, PasswordProvider).Dispose();
        KeystoreFile.Inspect(path);
        Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id, () => "wrong"));

        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(path));
    }

    [Fact]
    public void A_master_key_file_is_not_a_keystore()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, KeyProtection.None);

        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Load(path, Id));
        Assert.Equal(KeyFileError.UnsupportedFormat, ex.Error);
        Assert.Contains("master key file", ex.Message);
        AssertCleanMessage(ex);
    }
}
