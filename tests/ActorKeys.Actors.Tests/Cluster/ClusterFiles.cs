using System.Security.Cryptography.X509Certificates;
using ActorKeys.Actors.Cluster;

namespace ActorKeys.Actors.Tests.Cluster;

/// <summary>
/// A cluster's certificate files made in a temporary folder with the product's own code, as 'actorkeys cluster init'
/// makes them: a CA and <c>nodes</c> node certificates. Several of these, each with its own CA, are strangers to each other.
/// </summary>
public sealed class ClusterFiles : IDisposable
{
    private readonly TempFolder _folder = new();

    public ClusterFiles(int nodes, string caName = "ActorKeys cluster CA")
    {
        var now = DateTimeOffset.UtcNow;
        using var authority = ClusterCertificateAuthority.CreateAuthority(now, caName);
        ClusterCertificateFiles.WriteCertificate(CaPath, authority);
        for (var n = 1; n <= nodes; n++)
        {
            using var node = ClusterCertificateAuthority.IssueNode(authority, ClusterCertificateFiles.NodeName(n), ClusterCertificateAuthority.DefaultHosts, now);
            ClusterCertificateFiles.WriteCertificate(CertificatePath(n), node);
            ClusterCertificateFiles.WritePrivateKey(KeyPath(n), node);
        }
    }

    public string CaPath => _folder.File(ClusterCertificateFiles.AuthorityCertificateName);

    public string CertificatePath(int node) => ClusterCertificateFiles.CertificatePath(_folder.Path, ClusterCertificateFiles.NodeName(node));

    public string KeyPath(int node) => ClusterCertificateFiles.KeyPath(_folder.Path, ClusterCertificateFiles.NodeName(node));

    public CoreTransport Transport(int node) => CoreTransport.Load(CaPath, CertificatePath(node), KeyPath(node));

    /// <summary>Node <paramref name="node"/>'s certificate with its key, for a system built by hand (a rogue one).</summary>
    public X509Certificate2 NodeWithKey(int node) => ClusterCertificateFiles.LoadNode(CertificatePath(node), KeyPath(node));

    public void Dispose() => _folder.Dispose();
}
