using System.Runtime.Versioning;
using System.Text;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;

namespace ActorKeys.KeyStore.Tests;

/// <summary>File-system rules shared by both kinds: modes, symlinks, missing files, overwrites, size.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyFileSafetyTests
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public enum Kind
    {
        Keystore,
        MasterKey,
    }

    [Theory]
    [InlineData(Kind.Keystore, false)]
    [InlineData(Kind.Keystore, true)]
    [InlineData(Kind.MasterKey, false)]
    [InlineData(Kind.MasterKey, true)]
    public void Written_files_have_mode_0600_and_no_temporary_file_is_left(Kind kind, bool withPassword)
    {
        using var temp = new TempFolder();
        var path = Create(kind, temp, withPassword);

        Assert.Equal(Mode600, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Issue_creates_a_missing_folder_with_mode_0700()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var folder = temp.File("nested");
        KeystoreFile.Issue(master, Id, Epoch, folder, KeyProtection.None, Created);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void Issue_creates_every_missing_parent_folder_with_mode_0700_too()
    {
        using var temp = new TempFolder();
        using var master = Master();
        KeystoreFile.Issue(master, Id, Epoch, temp.File("a/b/c"), KeyProtection.None, Created);

        foreach (var folder in new[] { "a", "a/b", "a/b/c" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.File(folder)));
        }
    }

    [Theory]
    [InlineData(Kind.Keystore, 0b110_100_100)]
    [InlineData(Kind.Keystore, 0b110_100_000)]
    [InlineData(Kind.Keystore, 0b110_000_100)]
    [InlineData(Kind.Keystore, 0b110_000_001)]
    [InlineData(Kind.Keystore, 0b110_010_000)]
    [InlineData(Kind.MasterKey, 0b110_100_100)]
    [InlineData(Kind.MasterKey, 0b110_000_010)]
    public void Group_or_other_bits_are_refused_and_the_file_is_untouched(Kind kind, int mode)
    {
        using var temp = new TempFolder();
        var path = Create(kind, temp, withPassword: false);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        var bytes = File.ReadAllBytes(path);

        var ex = Assert.Throws<KeyFileException>(() => Load(kind, path));

        Assert.Equal(KeyFileError.InsecurePermissions, ex.Error);
        Assert.Contains($"chmod 600 {path}", ex.Message);
        AssertCleanMessage(ex);
        Assert.Equal((UnixFileMode)mode, File.GetUnixFileMode(path));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Inspect_and_IsProtected_apply_the_permission_check_too()
    {
        using var temp = new TempFolder();
        var keystore = Create(Kind.Keystore, temp, withPassword: false);
        var masterKey = Create(Kind.MasterKey, temp, withPassword: false);
        File.SetUnixFileMode(keystore, Mode600 | UnixFileMode.GroupRead);
        File.SetUnixFileMode(masterKey, Mode600 | UnixFileMode.OtherRead);

        Assert.Equal(KeyFileError.InsecurePermissions, Assert.Throws<KeyFileException>(() => KeystoreFile.Inspect(keystore)).Error);
        Assert.Equal(KeyFileError.InsecurePermissions, Assert.Throws<KeyFileException>(() => MasterKeyFile.IsProtected(masterKey)).Error);
    }

    [Theory]
    [InlineData(Kind.Keystore)]
    [InlineData(Kind.MasterKey)]
    public void A_symlink_is_refused_even_to_a_valid_file(Kind kind)
    {
        using var temp = new TempFolder();
        var target = Create(kind, temp, withPassword: false);
        var link = temp.File("link.json");
        File.CreateSymbolicLink(link, target);

        var ex = Assert.Throws<KeyFileException>(() => Load(kind, link));

        Assert.Equal(KeyFileError.NotARegularFile, ex.Error);
        Assert.Equal(link, ex.Path);
        AssertCleanMessage(ex);
    }

    [Fact]
    public void A_dangling_symlink_and_a_directory_are_not_regular_files()
    {
        using var temp = new TempFolder();
        var link = temp.File("dangling.json");
        File.CreateSymbolicLink(link, temp.File("nowhere.json"));
        var folder = Directory.CreateDirectory(temp.File("folder.json")).FullName;

        Assert.Equal(KeyFileError.NotARegularFile, Assert.Throws<KeyFileException>(() => Load(Kind.Keystore, link)).Error);
        Assert.Equal(KeyFileError.NotARegularFile, Assert.Throws<KeyFileException>(() => Load(Kind.MasterKey, folder)).Error);
    }

    [Theory]
    [InlineData(Kind.Keystore)]
    [InlineData(Kind.MasterKey)]
    public void A_missing_file_is_NotFound_and_names_the_path(Kind kind)
    {
        using var temp = new TempFolder();
        var path = temp.File("keystore_id_nobody.json");

        var ex = Assert.Throws<KeyFileException>(() => Load(kind, path));

        Assert.Equal(KeyFileError.NotFound, ex.Error);
        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData(Kind.Keystore)]
    [InlineData(Kind.MasterKey)]
    public void Writing_never_overwrites_and_leaves_the_original_byte_identical(Kind kind)
    {
        using var temp = new TempFolder();
        var path = Create(kind, temp, withPassword: false);
        var original = File.ReadAllBytes(path);

        var ex = Assert.Throws<KeyFileException>(() => Create(kind, temp, withPassword: true));

        Assert.Equal(KeyFileError.AlreadyExists, ex.Error);
        Assert.Equal(path, ex.Path);
        AssertCleanMessage(ex);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Write_refuses_an_existing_symlink_without_touching_its_target()
    {
        using var temp = new TempFolder();
        var target = temp.File("target.txt");
        File.WriteAllText(target, "not a key");
        var link = temp.File(KeystoreFile.FileName(Id));
        File.CreateSymbolicLink(link, target);
        using var master = Master();

        var ex = Assert.Throws<KeyFileException>(() =>
            KeystoreFile.Issue(master, Id, Epoch, temp.Path, KeyProtection.None, Created));

        Assert.Equal(KeyFileError.AlreadyExists, ex.Error);
        Assert.Equal("not a key", File.ReadAllText(target));
    }

    [Fact]
    public void Write_into_a_missing_folder_is_NotFound()
    {
        using var temp = new TempFolder();
        using var master = Master();
        var path = temp.File(Path.Combine("missing", "master.json"));

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.Create(path, master, Created, KeyProtection.None));

        Assert.Equal(KeyFileError.NotFound, ex.Error);
        Assert.False(Directory.Exists(temp.File("missing")));
    }

    [Theory]
    [InlineData(Kind.Keystore)]
    [InlineData(Kind.MasterKey)]
    public void A_file_larger_than_64_KiB_is_Damaged(Kind kind)
    {
        using var temp = new TempFolder();
        var path = Create(kind, temp, withPassword: false);
        var text = File.ReadAllText(path);
        // Valid JSON, the same fields, padded with whitespace past the limit.
        File.WriteAllText(path, text + new string(' ', 64 * 1024));

        var ex = Assert.Throws<KeyFileException>(() => Load(kind, path));

        Assert.Equal(KeyFileError.Damaged, ex.Error);
        Assert.Contains("64 KiB", ex.Message);
    }

    [Fact]
    public void The_same_file_just_under_64_KiB_still_loads()
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text + new string(' ', 64 * 1024 - Encoding.UTF8.GetByteCount(text)));

        Load(Kind.Keystore, path);
    }

    [Fact]
    public void An_empty_file_is_Damaged()
    {
        using var temp = new TempFolder();
        var path = temp.File("empty.json");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, Mode600);

        Assert.Equal(KeyFileError.Damaged, Assert.Throws<KeyFileException>(() => Load(Kind.Keystore, path)).Error);
    }

    internal static string Create(Kind kind, TempFolder temp, bool withPassword)
    {
        using var master = Master();
        if (kind == Kind.Keystore)
        {
            return KeystoreFile.Issue(master, Id, Epoch, temp.Path, Protection(withPassword), Created);
        }
        var path = temp.File("master.json");
        MasterKeyFile.Create(path, master, Created, Protection(withPassword));
        return path;
    }

    internal static void Load(Kind kind, string path)
    {
        if (kind == Kind.Keystore)
        {
            KeystoreFile.Load(path, Id, PasswordProvider).Dispose();
        }
        else
        {
            MasterKeyFile.Load(path, PasswordProvider).Dispose();
        }
    }
}
