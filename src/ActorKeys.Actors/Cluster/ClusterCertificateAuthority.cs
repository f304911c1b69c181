using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorKeys.Actors.Cluster;

/// <summary>
/// The private certificate authority of a cluster's core, made with .NET's own <see cref="CertificateRequest"/>: a
/// self-signed CA and one certificate per node signed by it. Every key is ECDSA P-256 (small, fast handshakes, and
/// what TLS 1.2 and 1.3 both offer everywhere .NET runs); signatures are SHA-256. A node is both a TLS server (it is
/// dialled) and a TLS client (it dials), so its certificate carries both extended key usages.
/// </summary>
public static class ClusterCertificateAuthority
{
    /// <summary>How long the CA and each node certificate are valid: long enough not to expire under a running cluster, short enough to be rotated by habit.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(2 * 365);

    /// <summary>Backdated so that a node whose clock runs a few minutes behind still accepts a certificate made now.</summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The hosts every node certificate names unless more are given: the loopback a single machine uses.</summary>
    public static readonly IReadOnlyList<string> DefaultHosts = ["127.0.0.1", "localhost"];

    /// <summary>A new self-signed CA (<c>CN=<paramref name="name"/></c>), valid from <paramref name="now"/> for <see cref="Validity"/>; the caller disposes it.</summary>
    public static X509Certificate2 CreateAuthority(DateTimeOffset now, string name = "ActorKeys cluster CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        // pathLen 0: the CA signs node certificates only, never another CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - ClockSkewAllowance, now + Validity);
    }

    /// <summary>
    /// A certificate for node <paramref name="nodeName"/> (its CN) signed by <paramref name="authority"/>, with its new
    /// private key attached; valid for the hosts given (IP addresses and DNS names in the SAN) and never past the CA.
    /// </summary>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, string nodeName, IEnumerable<string> hosts, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={nodeName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid), new Oid(ClientAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        request.CertificateExtensions.Add(SubjectAlternativeNames(hosts));

        var notAfter = now + Validity;
        if (notAfter > authority.NotAfter)
        {
            notAfter = authority.NotAfter;
        }
        // A random positive 128-bit serial, as CAs do: unique without keeping a counter.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(authority, now - ClockSkewAllowance, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>True when <paramref name="host"/> can go in a SAN: an IP address, or a DNS name of letters, digits, '-' and '.'.</summary>
    public static bool IsValidHost(string host) =>
        IPAddress.TryParse(host, out _) || (host.Length is > 0 and <= 253 && Uri.CheckHostName(host) == UriHostNameType.Dns);

    private static X509Extension SubjectAlternativeNames(IEnumerable<string> hosts)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(host);
            }
        }
        return san.Build();
    }
}
