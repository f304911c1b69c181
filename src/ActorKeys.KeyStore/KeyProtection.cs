using System.Text;

namespace ActorKeys.KeyStore;

/// <summary>How a key is stored on disk: in the clear (protected only by the file mode) or sealed under a password.</summary>
public abstract record KeyProtection
{
    private protected KeyProtection()
    {
    }

    public static KeyProtection None { get; } = new NoProtection();

    /// <summary>Seal the key with XChaCha20-Poly1305 under Argon2id(password).</summary>
    public static KeyProtection Password(string password, Argon2Parameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            // An empty password would look protected while protecting nothing.
            throw new ArgumentException("A key file password must not be empty.", nameof(password));
        }
        return new PasswordProtection(password, parameters ?? Argon2Parameters.Default);
    }

    /// <summary>The value written to the file's <c>protection</c> field.</summary>
    internal abstract string FileValue { get; }
}

internal sealed record NoProtection : KeyProtection
{
    internal override string FileValue => KeyFileFormat.ProtectionNone;
}

internal sealed record PasswordProtection(string Secret, Argon2Parameters Parameters) : KeyProtection
{
    internal override string FileValue => KeyFileFormat.ProtectionArgon2id;

    // The generated record ToString would print the password.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Parameters = ").Append(Parameters);
        return true;
    }
}
