using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using ActorKeys.Actors.Configuration;

namespace ActorKeys.Actors.Cluster;

/// <summary>
/// The transport of a node's private core: Akka.Remote's DotNetty TCP with TLS in both directions, where a peer is
/// accepted only when its certificate chains to the cluster's own CA (and to no other root). Given the three files of
/// <c>actorkeys cluster init</c> (<c>ca.pem</c>, <c>nodeN.pem</c>, <c>nodeN.key</c>), it gives the core's configuration
/// (<c>actorkeys.cluster-core</c> in reference.conf) and the <see cref="DotNettySslSetup"/> that carries the node's
/// certificate and the CA check, both put together by <see cref="Setup"/>.
/// </summary>
/// <remarks>
/// Why a custom validator: Akka.Remote 1.5.73 checks a peer's chain against the operating system's trusted roots
/// (<c>suppress-validation = false</c>), which a private CA is not among, and the alternatives (installing the CA in
/// the system store, or <c>suppress-validation = true</c>) would trust far more than the cluster. Its
/// <see cref="DotNettySslSetup.CustomValidator"/> replaces that check on both sides of every handshake, the dialled
/// (server) side and the dialling (client) side, so the same <see cref="IsClusterMember"/> judges every peer.
/// </remarks>
public sealed class CoreTransport : IDisposable
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private CoreTransport(X509Certificate2 authority, X509Certificate2 node)
    {
        Authority = authority;
        NodeCertificate = node;
    }

    /// <summary>The cluster CA: the one root a peer's certificate may chain to.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 NodeCertificate { get; }

    /// <summary>
    /// Loads the CA certificate and the node's certificate and key. A key file that other users can read or change is
    /// refused (<see cref="ActorKeys.KeyStore.KeyFileException"/>), as is a node certificate the CA did not sign
    /// (<see cref="ClusterCertificateException"/>): a node that could not join is better stopped at start than at every handshake.
    /// </summary>
    public static CoreTransport Load(string caCertificatePath, string nodeCertificatePath, string nodeKeyPath)
    {
        var authority = ClusterCertificateFiles.LoadCertificate(caCertificatePath);
        try
        {
            var node = ClusterCertificateFiles.LoadNode(nodeCertificatePath, nodeKeyPath);
            var transport = new CoreTransport(authority, node);
            if (!transport.IsClusterMember(node, out var reason))
            {
                transport.Dispose();
                var path = Path.GetFullPath(nodeCertificatePath);
                throw new ClusterCertificateException(path,
                    $"The node certificate {path} is not one of the cluster CA {Path.GetFullPath(caCertificatePath)} ({reason}); use the certificate made with that CA, or make new ones with 'actorkeys cluster init'.");
            }
            return transport;
        }
        catch
        {
            authority.Dispose();
            throw;
        }
    }

    /// <summary>Loads the files named by <c>actorkeys.cluster.core.ca-certificate-path</c>, <c>node-certificate-path</c> and <c>node-key-path</c> in <paramref name="config"/>.</summary>
    public static CoreTransport Load(Config config) => Load(
        config.GetString("actorkeys.cluster.core.ca-certificate-path"),
        config.GetString("actorkeys.cluster.core.node-certificate-path"),
        config.GetString("actorkeys.cluster.core.node-key-path"));

    /// <summary>True when <paramref name="config"/> names this node's certificate (the core then runs mutual TLS with it).</summary>
    public static bool IsConfigured(Config config) =>
        !string.IsNullOrWhiteSpace(config.WithFallback(ActorKeysSettings.ReferenceConfig).GetString("actorkeys.cluster.core.node-certificate-path"));

    /// <summary>
    /// A core system's configuration: <paramref name="hocon"/> (tests), over <paramref name="file"/> (the deployment's),
    /// over the <c>actorkeys.cluster-core</c> block, over the rest of reference.conf. Never the client-facing block.
    /// </summary>
    public static Config BuildConfig(Config? file = null, string? hocon = null)
    {
        var reference = ActorKeysSettings.ReferenceConfig;
        return (string.IsNullOrWhiteSpace(hocon) ? ConfigurationFactory.Empty : ConfigurationFactory.ParseString(hocon))
            .WithFallback(file ?? ConfigurationFactory.Empty)
            .WithFallback(reference.GetConfig("actorkeys.cluster-core"))
            .WithFallback(reference);
    }

    /// <summary>The node's certificate and the CA check for Akka.Remote: mutual TLS, no hostname check (see reference.conf).</summary>
    public DotNettySslSetup SslSetup() => new(
        NodeCertificate,
        suppressValidation: false,
        requireMutualAuthentication: true,
        validateCertificateHostname: false,
        customValidator: Validate);

    /// <summary>Everything a core <see cref="ActorSystem"/> is created with: <paramref name="config"/> (from <see cref="BuildConfig"/>) and <see cref="SslSetup"/>.</summary>
    public ActorSystemSetup Setup(Config config)
    {
        if (!config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"))
        {
            // The setup alone does not switch TLS on; a core without it would accept any peer.
            throw new ConfigurationException("akka.remote.dot-netty.tcp.enable-ssl is off, and a cluster core never runs without TLS.");
        }
        return BootstrapSetup.Create().WithConfig(config).And(SslSetup());
    }

    /// <summary>
    /// True when <paramref name="certificate"/> chains to <see cref="Authority"/> alone (custom root trust: the system's
    /// roots count for nothing), is within its validity, and may act as both TLS server and client, as every node does.
    /// No revocation check: the cluster CA publishes no list, and a compromised node is handled by rotating the CA.
    /// </summary>
    public bool IsClusterMember(X509Certificate2? certificate, out string reason)
    {
        if (certificate is null)
        {
            reason = "no certificate was presented";
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ServerAuthOid));
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthOid));
        try
        {
            if (!chain.Build(certificate))
            {
                reason = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                return false;
            }
            // CustomRootTrust already ends every good chain in the custom store; this says so where it is relied on.
            if (!chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span))
            {
                reason = "it does not end at the cluster CA";
                return false;
            }
            reason = "";
            return true;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    /// <summary>
    /// Akka's hook, called on both sides of every core handshake. SslStream's own <paramref name="errors"/> are set aside
    /// on purpose: they judge the chain by the system's roots (always "untrusted root" here) and the name by the dialled
    /// host (members are dialled by IP); <see cref="IsClusterMember"/> is the whole decision.
    /// </summary>
    private bool Validate(X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors errors, ILoggingAdapter? log)
    {
        if (IsClusterMember(certificate, out var reason))
        {
            return true;
        }
        // The subject and thumbprint are public; nothing else of the peer is logged.
        log?.Warning("Refused a TLS peer of the cluster core at {0}: its certificate {1} ({2}) is not one of the cluster CA's ({3})",
            remotePeer, certificate?.Subject ?? "(none)", certificate?.Thumbprint ?? "-", reason);
        return false;
    }

    public void Dispose()
    {
        NodeCertificate.Dispose();
        Authority.Dispose();
    }
}
