using System.CommandLine;
using System.Globalization;
using ActorKeys.Actors.Cluster;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys cluster init --nodes N [--out cluster] [--hosts H,...]</c>: a cluster CA (<c>ca.pem</c>, <c>ca.key</c>)
/// and a certificate and key per node (<c>node1.pem</c>, <c>node1.key</c>, ...) signed by it, for the core's mutual TLS
/// (<see cref="CoreTransport"/>). Every file is checked before any is written, and none is ever overwritten.
/// </summary>
public static class ClusterInitCommand
{
    /// <summary>More would be a typo, not a cluster: each node is a member every other one talks to.</summary>
    public const int MaxNodes = 100;

    public static Command Create()
    {
        var nodes = new Option<int>("--nodes")
        {
            Description = $"How many node certificates to make (1 to {MaxNodes}): node1 to nodeN.",
            Required = true,
            HelpName = "N",
        };
        nodes.Require(value => value is >= 1 and <= MaxNodes, Strings.ClusterNodesOutOfRange(MaxNodes));
        var output = new Option<string>("--out")
        {
            Description = "The folder to write the CA and node files into (created with mode 700 when missing).",
            DefaultValueFactory = _ => "cluster",
            HelpName = "FOLDER",
        };
        var hosts = new Option<string?>("--hosts")
        {
            Description = "Comma-separated IP addresses and host names every node certificate names too, besides 127.0.0.1 and localhost.",
            HelpName = "HOSTS",
        };
        hosts.Validators.Add(result =>
        {
            if (Hosts(result.GetValueOrDefault<string?>()).FirstOrDefault(h => !ClusterCertificateAuthority.IsValidHost(h)) is { } bad)
            {
                result.AddError(Strings.ClusterHostNotValid(bad));
            }
        });
        var command = new Command("init", "Make a cluster CA and a certificate and private key for each node, signed by it.")
        {
            nodes, output, hosts,
        };
        command.SetAction(parse => Run(parse.GetValue(nodes), parse.GetValue(output)!, Hosts(parse.GetValue(hosts))));
        return command;
    }

    private static IEnumerable<string> Hosts(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Run(int nodes, string output, IEnumerable<string> extraHosts)
    {
        var folder = Path.GetFullPath(output);
        if (File.Exists(folder))
        {
            throw new CliException(ExitCode.KeyFile, Strings.ClusterOutNotAFolder(folder));
        }
        // Nothing is written unless everything can be: a half-made cluster would mix two CAs.
        foreach (var path in ClusterCertificateFiles.AllPaths(folder, nodes))
        {
            if (KeyIssuing.Exists(path))
            {
                throw new CliException(ExitCode.KeyFile, Strings.ClusterFileExists(path));
            }
        }
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                // The private keys are born here: nobody else needs to list the folder.
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        // Probes the folder too: a folder that takes no new file is reported before anything is made.
        PrivateKeyPemFile.CheckCanCreate(Path.Combine(folder, ClusterCertificateFiles.AuthorityKeyName));

        var hosts = ClusterCertificateAuthority.DefaultHosts.Concat(extraHosts).ToList();
        var now = DateTimeOffset.UtcNow;
        using var authority = ClusterCertificateAuthority.CreateAuthority(now);
        var caCertificate = Path.Combine(folder, ClusterCertificateFiles.AuthorityCertificateName);
        var caKey = Path.Combine(folder, ClusterCertificateFiles.AuthorityKeyName);
        ClusterCertificateFiles.WriteCertificate(caCertificate, authority);
        ClusterCertificateFiles.WritePrivateKey(caKey, authority);
        Console.WriteLine(Strings.ClusterAuthorityWritten(caCertificate, caKey, Day(authority.NotAfter)));
        for (var n = 1; n <= nodes; n++)
        {
            var name = ClusterCertificateFiles.NodeName(n);
            using var node = ClusterCertificateAuthority.IssueNode(authority, name, hosts, now);
            var certificate = ClusterCertificateFiles.CertificatePath(folder, name);
            var key = ClusterCertificateFiles.KeyPath(folder, name);
            ClusterCertificateFiles.WriteCertificate(certificate, node);
            ClusterCertificateFiles.WritePrivateKey(key, node);
            Console.WriteLine(Strings.ClusterNodeWritten(name, certificate, key, Day(node.NotAfter)));
        }
    }

    private static string Day(DateTime notAfter) => notAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
