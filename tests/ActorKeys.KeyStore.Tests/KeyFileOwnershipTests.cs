using System.Runtime.Versioning;
using static ActorKeys.KeyStore.Tests.KeyFileFixtures;
using static ActorKeys.KeyStore.Tests.KeyFileSafetyTests;

namespace ActorKeys.KeyStore.Tests;

/// <summary>
/// Who owns the file and its folder, and whether what is read is what was checked. The tests run as root (the CI
/// container), which is what makes chown to another uid possible here.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyFileOwnershipTests
{
    private const int Nobody = 65534;

    [Theory]
    [InlineData(Kind.Keystore)]
    [InlineData(Kind.MasterKey)]
    public void A_file_owned_by_another_user_is_refused(Kind kind)
    {
        using var temp = new TempFolder();
        var path = Create(kind, temp, withPassword: false);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Chown(path, Nobody);

        var ex = Assert.Throws<KeyFileException>(() => Load(kind, path));

        Assert.Equal(KeyFileError.WrongOwner, ex.Error);
        Assert.Contains($"uid {Nobody}", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void A_keystore_in_a_folder_others_can_write_is_refused_on_load_and_on_issue(UnixFileMode extra)
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | extra);
        using var master = Master();

        var load = Assert.Throws<KeyFileException>(() => Load(Kind.Keystore, path));
        var issue = Assert.Throws<KeyFileException>(() => KeystoreFile.Issue(master, "bob", Epoch, temp.Path, KeyProtection.None, Created));
        var check = Assert.Throws<KeyFileException>(() => KeystoreFile.CheckCanIssue(temp.Path, "bob"));

        foreach (var ex in new[] { load, issue, check })
        {
            Assert.Equal(KeyFileError.InsecurePermissions, ex.Error);
            Assert.Contains($"chmod go-w {temp.Path}", ex.Message);
        }
        Assert.Equal([path], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_keystore_in_a_folder_owned_by_another_user_is_refused_even_with_a_safe_mode()
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Chown(temp.Path, Nobody); // 0700, but its owner could make it writable at any time

        var ex = Assert.Throws<KeyFileException>(() => Load(Kind.Keystore, path));

        Assert.Equal(KeyFileError.InsecurePermissions, ex.Error);
        Assert.Contains("belongs to another user", ex.Message);
    }

    [Fact]
    public void The_file_read_is_the_file_checked_even_when_the_path_is_swapped_in_between()
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);
        // A file that passes every check on its own: same owner, mode 0600, same content.
        var other = temp.File("other.json");
        File.Copy(path, other);
        File.SetUnixFileMode(other, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<KeyFileException>(() =>
            SecureFile.ReadAll(path, KeyFileFormat.Keystore, betweenCheckAndOpen: () => File.Move(other, path, overwrite: true)));

        Assert.Equal(KeyFileError.ChangedWhileOpening, ex.Error);
    }

    [Fact]
    public void A_symlink_swapped_in_after_the_check_is_not_followed_into_another_file()
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);
        var target = temp.File("target.json");
        File.Copy(path, target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<KeyFileException>(() => SecureFile.ReadAll(path, KeyFileFormat.Keystore, betweenCheckAndOpen: () =>
        {
            File.Delete(path);
            File.CreateSymbolicLink(path, target);
        }));

        Assert.Equal(KeyFileError.ChangedWhileOpening, ex.Error);
    }

    [Fact]
    public void Without_a_swap_the_seam_reads_the_file()
    {
        using var temp = new TempFolder();
        var path = Create(Kind.Keystore, temp, withPassword: false);

        Assert.Equal(File.ReadAllBytes(path), SecureFile.ReadAll(path, KeyFileFormat.Keystore, betweenCheckAndOpen: () => { }));
    }

    [Fact]
    public void A_device_is_refused_without_advising_chmod_on_it()
    {
        var ex = Assert.Throws<KeyFileException>(() => KeystoreFile.Inspect("/dev/null"));

        Assert.Equal(KeyFileError.NotARegularFile, ex.Error);
        Assert.DoesNotContain("chmod", ex.Message);
        Assert.Contains("not a file", ex.Message);
    }

    [Fact]
    public void A_folder_given_as_the_file_is_told_to_give_the_file_itself()
    {
        using var temp = new TempFolder();

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(temp.Path));

        Assert.Equal(KeyFileError.NotARegularFile, ex.Error);
        Assert.Contains("is a folder", ex.Message);
        Assert.DoesNotContain("replace it", ex.Message);
    }

    [Fact]
    public void A_file_of_the_other_kind_says_which_file_to_give_instead()
    {
        using var temp = new TempFolder();
        var keystore = Create(Kind.Keystore, temp, withPassword: false);
        var masterKey = Create(Kind.MasterKey, temp, withPassword: false);

        var asMaster = Assert.Throws<KeyFileException>(() => MasterKeyFile.Load(keystore));
        var asKeystore = Assert.Throws<KeyFileException>(() => KeystoreFile.Inspect(masterKey));

        Assert.Contains("is a keystore, not a master key file", asMaster.Message);
        Assert.Contains("--master-key", asMaster.Message);
        Assert.Contains("is a master key file, not a keystore", asKeystore.Message);
        Assert.Contains("keystore_id_<id>.json", asKeystore.Message);
        Assert.DoesNotContain("version of ActorKeys", asMaster.Message + asKeystore.Message);
    }

    [Fact]
    public void A_folder_that_takes_no_new_files_is_refused_before_anything_is_written()
    {
        using var master = Master();

        var ex = Assert.Throws<KeyFileException>(() => MasterKeyFile.CheckCanCreate("/proc/m.key"));
        var create = Assert.Throws<KeyFileException>(() => MasterKeyFile.Create("/proc/m.key", master, Created, KeyProtection.None));

        Assert.Equal(KeyFileError.AccessDenied, ex.Error);
        Assert.Equal(KeyFileError.AccessDenied, create.Error);
        Assert.Contains("cannot be created in /proc", ex.Message);
    }

    [Fact]
    public void A_file_where_the_keystore_folder_should_be_is_refused_before_anything_is_written()
    {
        using var temp = new TempFolder();
        var notAFolder = temp.File("kfile");
        File.WriteAllText(notAFolder, "");
        using var master = Master();

        var check = Assert.Throws<KeyFileException>(() => KeystoreFile.CheckCanIssue(notAFolder, Id));
        var nested = Assert.Throws<KeyFileException>(() => KeystoreFile.CheckCanIssue(Path.Combine(notAFolder, "sub"), Id));
        var issue = Assert.Throws<KeyFileException>(() => KeystoreFile.Issue(master, Id, Epoch, notAFolder, KeyProtection.None, Created));

        foreach (var ex in new[] { check, nested, issue })
        {
            Assert.Contains($"{notAFolder} is not a folder", ex.Message);
        }
        Assert.Equal([notAFolder], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Issue_leaves_no_probe_file_behind()
    {
        using var temp = new TempFolder();
        KeystoreFile.CheckCanIssue(temp.Path, Id);
        KeystoreFile.CheckCanIssue(temp.File("new/deeper"), Id);

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    private static void Chown(string path, int uid)
    {
        if (LChown(path, uid, uid) != 0)
        {
            throw new InvalidOperationException($"lchown({path}) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}; these tests run as root.");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LChown([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int uid, int gid);
}
