using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ActorKeys.KeyStore;

namespace ActorKeys.Actors.Cluster;

/// <summary>
/// The files of a cluster's certificates, as <c>actorkeys cluster init</c> writes them in one folder: <c>ca.pem</c> and
/// <c>ca.key</c>, then <c>nodeN.pem</c> and <c>nodeN.key</c> per node. Certificates are public PEM (mode 0644);
/// private keys are PKCS#8 PEM under <see cref="PrivateKeyPemFile"/>'s rules (0600, refused when others can read them).
/// </summary>
public static class ClusterCertificateFiles
{
    public const string AuthorityCertificateName = "ca.pem";
    public const string AuthorityKeyName = "ca.key";

    /// <summary>The name of node <paramref name="number"/> (1-based): its certificate's CN and its files' stem.</summary>
    public static string NodeName(int number) => $"node{number}";

    public static string CertificatePath(string folder, string name) => Path.Combine(folder, name + ".pem");

    public static string KeyPath(string folder, string name) => Path.Combine(folder, name + ".key");

    /// <summary>Every file a cluster of <paramref name="nodes"/> nodes has in <paramref name="folder"/>, the CA's first.</summary>
    public static IReadOnlyList<string> AllPaths(string folder, int nodes)
    {
        var paths = new List<string> { Path.Combine(folder, AuthorityCertificateName), Path.Combine(folder, AuthorityKeyName) };
        for (var n = 1; n <= nodes; n++)
        {
            paths.Add(CertificatePath(folder, NodeName(n)));
            paths.Add(KeyPath(folder, NodeName(n)));
        }
        return paths;
    }

    /// <summary>Writes the certificate (no key) as PEM to the new file <paramref name="path"/>: atomically, mode 0644, never over a file.</summary>
    public static void WriteCertificate(string path, X509Certificate2 certificate)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // A certificate is public: every node and operator may read it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the private key of <paramref name="certificate"/> as PKCS#8 PEM to the new file <paramref name="path"/> (0600, atomic).</summary>
    public static void WritePrivateKey(string path, X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        var bytes = new byte[Encoding.ASCII.GetByteCount(pem) + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            PrivateKeyPemFile.WriteNew(path, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }

    /// <summary>The certificate in the PEM file <paramref name="path"/> (the first one), without a key.</summary>
    public static X509Certificate2 LoadCertificate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ClusterCertificateException(full,
                $"The cluster certificate {full} was not found; check the path, or make the certificates with 'actorkeys cluster init'.");
        }
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(full));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            throw new ClusterCertificateException(full,
                $"The cluster certificate {full} is not a PEM certificate; copy it again from the folder 'actorkeys cluster init' wrote.", e);
        }
    }

    /// <summary>
    /// Node <paramref name="certificatePath"/>'s certificate with the private key of <paramref name="keyPath"/>, which is
    /// refused (<see cref="KeyFileException"/>) when other users can read or change it. The key's text is wiped once loaded.
    /// Not <see cref="X509Certificate2.CreateFromPemFile"/>: it would open the key file itself, unchecked; the key is read
    /// through <see cref="PrivateKeyPemFile"/> instead, so what is loaded is the very file whose owner and mode were checked.
    /// </summary>
    public static X509Certificate2 LoadNode(string certificatePath, string keyPath)
    {
        using var certificate = LoadCertificate(certificatePath);
        var keyPem = PrivateKeyPemFile.ReadPem(keyPath);
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(keyPem);
            var withKey = certificate.CopyWithPrivateKey(key);
            if (!OperatingSystem.IsWindows())
            {
                return withKey;
            }
            // SChannel cannot use an ephemeral (in-memory) key in SslStream; a PKCS#12 round trip gives it a usable one.
            using (withKey)
            {
                return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            var full = Path.GetFullPath(keyPath);
            throw new ClusterCertificateException(full,
                $"The private key {full} is not the key of the certificate {Path.GetFullPath(certificatePath)} (or not an ECDSA PEM key); give the .key file made with that certificate.", e);
        }
        finally
        {
            Array.Clear(keyPem);
        }
    }
}
