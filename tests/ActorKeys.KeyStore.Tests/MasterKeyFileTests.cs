using System.Runtime.Versioning;
using System.Text.Json;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;

namespace ActorKeys.KeyStore.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class MasterKeyFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_then_Load_returns_the_same_master_secret(bool withPassword)
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, Protection(withPassword));

        using var loaded = MasterKeyFile.Load(path, PasswordProvider);

        Assert.Equal(master.ExportSecret(), loaded.ExportSecret());
        Assert.Equal(master.KeyIdHex, loaded.KeyIdHex);
        Assert.Equal(withPassword, MasterKeyFile.IsProtected(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void File_has_the_documented_fields(bool withPassword)
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, Protection(withPassword));

        var text = File.ReadAllText(path);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("actorkeys.masterkey/1", root.GetProperty("format").GetString());
        Assert.Equal(master.KeyIdHex, root.GetProperty("issuer").GetString());
        Assert.Equal(master.KeyId, root.GetProperty("check").GetBytesFromBase64());
        Assert.Equal(CreatedText, root.GetProperty("created").GetString());
        Assert.False(root.TryGetProperty("clientId", out _));
        Assert.False(root.TryGetProperty("epoch", out _));
        Assert.Equal(withPassword, !root.TryGetProperty("masterKey", out _));
        Assert.Equal(withPassword, root.TryGetProperty("sealedKey", out _));
        Assert.Equal(withPassword, !text.Contains(MasterKeyBase64()));
    }

    [Fact]
    public void Seal_associated_data_is_format_and_issuer()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, Protection(withPassword: true));

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var ad = System.Text.Encoding.UTF8.GetBytes("actorkeys.masterkey/1" + master.KeyIdHex);
        var opened = SpecSeal.Open(System.Text.Encoding.UTF8.GetBytes(Password),
            root.GetProperty("argon2id").GetProperty("salt").GetBytesFromBase64(), 3, 8192,
            root.GetProperty("nonce").GetBytesFromBase64(), ad, root.GetProperty("sealedKey").GetBytesFromBase64());
        Assert.Equal(master.ExportSecret(), opened);
    }

    [Fact]
    public void Wrong_or_missing_password_is_refused()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, Protection(withPassword: true));

        var wrong = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(path, () => "hunter2"));
        var missing = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(path));

        Assert.Equal(KeyFileError.WrongPassword, wrong.Error);
        Assert.Equal(KeyFileError.PasswordRequired, missing.Error);
        AssertCleanMessage(wrong);
        Assert.DoesNotContain("hunter2", wrong.Message);
    }

    [Fact]
    public void A_keystore_is_not_a_master_key_file()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, Created);

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(path));
        Assert.Equal(KeyFileError.UnsupportedFormat, ex.Error);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void Issuer_that_does_not_match_the_key_is_Damaged()
    {
        using var temp = new TempFolder();
        using var master = Master();
        using var other = new Protocol.Keys.MasterSecret(new byte[32]);
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, KeyProtection.None);
        File.WriteAllText(path, File.ReadAllText(path).Replace(master.KeyIdHex, other.KeyIdHex));

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(path));
        Assert.Equal(KeyFileError.Damaged, ex.Error);
        AssertCleanMessage(ex);
    }
}
