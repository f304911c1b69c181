using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// <c>actorkeys cluster init</c> as a real process: the CA and node files with their modes, certificates that chain to
/// that CA alone with the names and usages the core needs, and a second run that writes nothing over them.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ClusterInitTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Init_for_three_nodes_writes_public_certificates_and_private_keys_only_the_owner_can_read()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "3");

        Expect.Success(result);
        var cluster = folder.File("cluster");
        Assert.Equal(
            ["ca.key", "ca.pem", "node1.key", "node1.pem", "node2.key", "node2.pem", "node3.key", "node3.pem"],
            Directory.GetFiles(cluster).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cluster));
        foreach (var key in Directory.GetFiles(cluster, "*.key"))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(key));
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(key));
        }
        foreach (var certificate in Directory.GetFiles(cluster, "*.pem"))
        {
            Assert.Equal(OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(certificate));
        }
        // One line per file pair, and never a key's content.
        Assert.Equal(4, result.Stdout.Count(line => line.StartsWith("Wrote", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Stdout, line => line.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_node_certificate_chains_to_the_cluster_CA_alone_and_may_serve_and_dial()
    {
        using var folder = new TempFolder();

        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "3", "--out", "certs", "--hosts", "10.0.0.5,core.internal"));

        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(folder.File("certs/ca.pem")));
        Assert.True(authority.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(authority.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        for (var n = 1; n <= 3; n++)
        {
            using var node = X509Certificate2.CreateFromPemFile(folder.File($"certs/node{n}.pem"), folder.File($"certs/node{n}.key"));
            Assert.Equal($"CN=node{n}", node.Subject);
            Assert.True(node.HasPrivateKey);
            Assert.True(Chains(node, authority), $"node{n} does not chain to the cluster CA");
            var san = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal(["127.0.0.1", "10.0.0.5"], san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            Assert.Equal(["localhost", "core.internal"], san.EnumerateDnsNames());
            Assert.True(node.NotAfter <= authority.NotAfter);
            Assert.InRange(node.NotAfter - DateTime.Now, TimeSpan.FromDays(729), TimeSpan.FromDays(731));
        }
        // The chain check is real: a node of the same name under another CA does not pass it.
        using var otherFolder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(otherFolder.Path, "", "cluster", "init", "--nodes", "1"));
        using var foreign = X509Certificate2.CreateFromPem(File.ReadAllText(otherFolder.File("cluster/node1.pem")));
        Assert.False(Chains(foreign, authority));
    }

    [Fact]
    public async Task A_second_init_over_the_same_folder_writes_nothing_and_says_so_in_one_sentence()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "3"));
        var before = Directory.GetFiles(folder.File("cluster")).ToDictionary(f => f, File.ReadAllBytes);

        var again = await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "4");

        Expect.Failure(again, 3, folder.File("cluster/ca.pem"), "already exists");
        var after = Directory.GetFiles(folder.File("cluster"));
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
        Assert.All(after, f => Assert.Equal(before[f], File.ReadAllBytes(f)));
    }

    [Fact]
    public async Task Init_speaks_Portuguese_and_refuses_a_node_count_out_of_range()
    {
        using var folder = new TempFolder();

        var written = await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "1", "--lang", "pt");
        var refused = await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "0", "--out", "other");

        Expect.Success(written);
        Assert.Contains(written.Stdout, line => line.StartsWith("Escrito o nó 'node1'", StringComparison.Ordinal));
        Expect.Failure(refused, 2, "--nodes takes a number of nodes from 1 to 100");
        Assert.False(Directory.Exists(folder.File("other")));
    }

    [Fact]
    public async Task Init_into_a_folder_others_can_write_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var shared = Directory.CreateDirectory(folder.File("shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111);

        var result = await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "2", "--out", "shared");

        Expect.Failure(result, 3, $"chmod go-w {shared}");
        Assert.Empty(Directory.GetFileSystemEntries(shared));
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="root"/> with it as the only trusted root.</summary>
    private static bool Chains(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }
}
