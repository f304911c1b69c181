using System.Runtime.Versioning;
using System.Text.Json;
using ActorKeys.Protocol.Keys;
using ActorKeys.Testing;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;

namespace ActorKeys.KeyStore.Tests;

/// <summary>The master key file holding several keys (format actorkeys.masterkeyring/1).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class MasterKeyRingTests
{
    private static MasterSecret Other() => new(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    /// <summary>server.key holding <paramref name="first"/> then <paramref name="second"/>, both under <paramref name="protection"/>.</summary>
    private static string TwoKeyRing(TempFolder temp, MasterSecret first, MasterSecret second, KeyProtection protection)
    {
        var path = temp.File("server.key");
        MasterKeyFile.Create(path, first, Created, protection);
        MasterKeyFile.AddKey(path, second, Created, protection);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Added_keys_load_back_in_order_with_one_password(bool withPassword)
    {
        using var temp = new TempFolder();
        using var first = Master();
        using var second = Other();
        var path = temp.File("server.key");
        MasterKeyFile.Create(path, first, Created, Protection(withPassword));

        MasterKeyFile.AddKey(path, second, Created, Protection(withPassword));

        var asked = 0;
        var ring = MasterKeyFile.LoadRing(path, () => { asked++; return Password; });
        try
        {
            Assert.Equal([first.KeyIdHex, second.KeyIdHex], ring.Select(k => k.KeyIdHex));
            Assert.Equal(second.ExportSecret(), ring[1].ExportSecret());
            Assert.Equal(withPassword ? 1 : 0, asked);
        }
        finally
        {
            foreach (var key in ring)
            {
                key.Dispose();
            }
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(path));
        Assert.Equal(withPassword, MasterKeyFile.IsProtected(path));
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal("actorkeys.masterkeyring/1", json.RootElement.GetProperty("format").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("keys").GetArrayLength());
        using var picked = MasterKeyFile.Load(path, PasswordProvider, first.KeyIdHex);
        Assert.Equal(first.KeyIdHex, picked.KeyIdHex);
        using var newest = MasterKeyFile.Load(path, PasswordProvider);
        Assert.Equal(second.KeyIdHex, newest.KeyIdHex);
    }

    [Fact]
    public void A_single_key_file_loads_as_a_ring_of_one()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File("server.key");
        MasterKeyFile.Create(path, master, Created, KeyProtection.None);

        var ring = MasterKeyFile.LoadRing(path);

        Assert.Equal(master.KeyIdHex, Assert.Single(ring).KeyIdHex);
        ring[0].Dispose();
        Assert.Equal([master.KeyIdHex], MasterKeyFile.KeyIds(path));
    }

    [Fact]
    public void Removing_a_key_keeps_the_others_and_the_last_key_stays()
    {
        using var temp = new TempFolder();
        using var first = Master();
        using var second = Other();
        var path = TwoKeyRing(temp, first, second, KeyProtection.None);

        MasterKeyFile.RemoveKey(path, first.KeyIdHex);

        Assert.Equal([second.KeyIdHex], MasterKeyFile.KeyIds(path));
        var last = Assert.Throws<KeyFileException>(() => MasterKeyFile.RemoveKey(path, second.KeyIdHex));
        Assert.Equal(KeyFileError.LastKeyInRing, last.Error);
        var unknown = Assert.Throws<KeyFileException>(() => MasterKeyFile.RemoveKey(path, first.KeyIdHex));
        Assert.Equal(KeyFileError.KeyNotInRing, unknown.Error);
        Assert.Equal([second.KeyIdHex], MasterKeyFile.KeyIds(path));
    }

    [Fact]
    public void A_damaged_entry_is_refused()
    {
        using var temp = new TempFolder();
        using var first = Master();
        using var second = Other();
        var path = TwoKeyRing(temp, first, second, KeyProtection.None);
        // The second entry's check no longer matches its key.
        var text = File.ReadAllText(path);
        var check = Convert.ToBase64String(second.KeyId);
        File.WriteAllText(path, text.Replace(check, Convert.ToBase64String(new byte[8])));

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path));

        Assert.Equal(KeyFileError.Damaged, ex.Error);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void A_ring_readable_by_others_is_refused()
    {
        using var temp = new TempFolder();
        using var first = Master();
        using var second = Other();
        var path = TwoKeyRing(temp, first, second, KeyProtection.None);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path));

        Assert.Equal(KeyFileError.InsecurePermissions, ex.Error);
        Assert.Throws<KeyFileException>(() => MasterKeyFile.AddKey(path, Other(), Created, KeyProtection.None));
    }

    [Fact]
    public void A_protected_ring_without_password_or_with_a_wrong_one_is_refused()
    {
        using var temp = new TempFolder();
        using var first = Master();
        using var second = Other();
        var path = TwoKeyRing(temp, first, second, Protection(withPassword: true));

        Assert.Equal(KeyFileError.PasswordRequired, Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path)).Error);
        Assert.Equal(KeyFileError.WrongPassword, Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path, () => "wrong")).Error);
        Assert.DoesNotContain(MasterKeyBase64(), File.ReadAllText(path));
    }

    [Fact]
    public void An_empty_ring_and_a_duplicate_key_are_damaged()
    {
        using var temp = new TempFolder();
        var path = temp.File("server.key");
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write("""{"format":"actorkeys.masterkeyring/1","keys":[]}"""u8);
        }
        Assert.Equal(KeyFileError.Damaged, Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path)).Error);

        var single = temp.File("single.key");
        using var master = Master();
        MasterKeyFile.Create(single, master, Created, KeyProtection.None);
        var entry = File.ReadAllText(single);
        File.WriteAllText(path, $$"""{"format":"actorkeys.masterkeyring/1","keys":[{{entry}},{{entry}}]}""");
        Assert.Equal(KeyFileError.Damaged, Assert.Throws<KeyFileException>(() => MasterKeyFile.LoadRing(path)).Error);
    }

    [Fact]
    public async Task An_edit_of_the_ring_waits_while_another_command_holds_it()
    {
        using var temp = new TempFolder();
        var path = temp.File("server.key");
        using var first = MasterSecret.Generate();
        using var second = MasterSecret.Generate();
        MasterKeyFile.Create(path, first, Created, KeyProtection.None);

        Task adding;
        using (RingEditLock.Take(Path.GetFullPath(path)))
        {
            // Another command is between reading the ring and renaming its new one over it.
            adding = Task.Run(() => MasterKeyFile.AddKey(path, second, Created, KeyProtection.None));
            Assert.NotSame(adding, await Task.WhenAny(adding, Task.Delay(TimeSpan.FromMilliseconds(500))));
        }
        await adding;

        Assert.Equal(new[] { first.KeyIdHex, second.KeyIdHex }.Order(), MasterKeyFile.KeyIds(path).Order());
    }
}
